#!/usr/bin/env bash
# Install everything (Debian packages, Python dependencies) and run ruff, mypy and the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
scripts/setup.sh test
.venv/bin/ruff check src tests grammars benchmarks
.venv/bin/mypy  # configured in pyproject.toml: src/kehoach with the pydantic plugin
.venv/bin/python -m pytest "$@"
