"""Fuzzing: every reader and the text stages, fed random and damaged files, end in a Plan or in a
one-line InputError, never in another exception. The same property runs under atheris
(fuzz/fuzz_parse.py) for long sessions; what it finds is kept in tests/fixtures/crashers/ and
replayed here."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT, SAMPLES
from tests.support.fuzz_inputs import TARGETS, check

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CRASHERS = sorted(p for p in (FIXTURES / "crashers").iterdir() if p.suffix != ".md")


@pytest.mark.parametrize("target", TARGETS)
@FUZZ
@given(payload=st.binary(max_size=3000))
def test_random_bytes(target, payload):
    check(target, payload)


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_random_text(text):
    check("text", text.encode("utf-8"))


def _damaged(data: bytes, draw) -> bytes:
    """The file cut short, or with some bytes overwritten: what a bad disk or download leaves."""
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


@pytest.mark.parametrize("sample", ["002_454801b3ece06145.docx", "002_454801b3ece06145.pdf",
                                    "002_454801b3ece06145.txt"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_sample_files(sample, data):
    check("bytes", _damaged((SAMPLES / sample).read_bytes(), data.draw))


@pytest.mark.parametrize("crasher", CRASHERS, ids=[p.name for p in CRASHERS])
def test_kept_crashers_no_longer_crash(crasher: Path):
    data = crasher.read_bytes()
    check(TARGETS[data[0] % len(TARGETS)] if data else "bytes", data[1:])


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed")
def test_atheris_target_runs(tmp_path):
    """The libFuzzer target starts and runs a few hundred inputs from the seed corpus cleanly.
    libFuzzer adds what it finds to its first corpus folder: a copy, so the repository's seeds stay as they are."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "fuzz" / "corpus", corpus)
    done = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_parse.py"), str(corpus),
                           "-runs=300", "-timeout=60", f"-artifact_prefix={tmp_path}/"],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not list(tmp_path.glob("crash-*"))
