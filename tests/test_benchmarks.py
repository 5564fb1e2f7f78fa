"""The benchmark scripts still run against the pipeline they measure (no timing is asserted: speed is
measured by the scripts themselves, never by tests)."""

from __future__ import annotations

from benchmarks.stages import STAGES, timed_stages

from tests.conftest import SAMPLES


def test_stage_timings_cover_every_stage_of_a_parse():
    times = timed_stages(SAMPLES / "000_3c7e1ad7be525b1e.docx")
    assert tuple(times) == STAGES
    assert all(seconds >= 0 for seconds in times.values())
