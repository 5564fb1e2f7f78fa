#!/usr/bin/env python3
r"""atheris (libFuzzer) target over every reader and the text stages.

    pip install -c constraints.txt -e '.[test]'   # atheris is a test dependency
    mkdir -p /tmp/kehoach-fuzz   # libFuzzer adds what it finds to the first folder; the seeds stay as they are
    python fuzz/fuzz_parse.py /tmp/kehoach-fuzz fuzz/corpus -max_total_time=600 \
        -artifact_prefix=tests/fixtures/crashers/

The first byte of an input picks the target (see tests/support/fuzz_inputs.py); the rest is the
payload. An input that makes kehoach raise anything but its one-line InputError is a crash:
libFuzzer writes it under the artifact prefix, and tests/test_fuzz.py replays every file kept in
tests/fixtures/crashers/ once it is fixed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["kehoach"]):
    from tests.support.fuzz_inputs import TARGETS, check


def one_input(data: bytes) -> None:
    if not data:
        return
    check(TARGETS[data[0] % len(TARGETS)], data[1:])


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
