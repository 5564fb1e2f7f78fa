#!/usr/bin/env bash
# Create .venv and install kehoach with the locked dependency versions (constraints.txt).
#   scripts/setup.sh            the tool only
#   scripts/setup.sh test       the tool and what the tests need (pytest, hypothesis, ruff, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "test" ] && extras="[test]"
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# Not editable: the tests run against the installed package, grammars included, as users get it.
# A build folder left by an earlier install can hold modules since moved: it is not reused.
rm -rf build
.venv/bin/python -m pip install --quiet --constraint constraints.txt ".${extras}"
