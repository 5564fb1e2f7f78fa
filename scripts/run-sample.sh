#!/usr/bin/env bash
# Install kehoach and parse a sample plan: the main job, on a fresh machine, in one command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/kehoach parse "${1:-samples/000_3c7e1ad7be525b1e.txt}" --format "${2:-json}"
