"""Shared fixtures. The tests read only files inside the repository (samples/, tests/fixtures/)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(autouse=True, scope="session")
def _pattern_cache(tmp_path_factory: pytest.TempPathFactory):
    """The compiled-pattern cache (kehoach.cache) of every kehoach the tests start lives in
    the session's temporary folder, never in the home of whoever runs the tests."""
    import os

    os.environ["KEHOACH_CACHE_DIR"] = str(tmp_path_factory.mktemp("kehoach-cache"))
    yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current output instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def plan_text(*lines: str) -> str:
    return "\n".join(lines) + "\n"
