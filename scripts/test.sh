#!/usr/bin/env bash
# Install everything (Debian packages, Python dependencies) and run the whole test suite and ruff.
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
scripts/setup.sh test
.venv/bin/ruff check src tests grammars benchmarks
.venv/bin/python -m pytest "$@"
