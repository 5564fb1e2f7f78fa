#!/usr/bin/env python3
"""Parse time against input size: a plan at 1x, 10x and 100x its length (its body repeated), to show
growth is linear (time per KB stays flat). Prints a markdown table; a measurement, never a test.

    .venv/bin/python benchmarks/growth.py            # 1x, 10x, 100x of samples/002 (text)
    .venv/bin/python benchmarks/growth.py --docx     # the same as .docx files (python-docx)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "002_454801b3ece06145.txt"


def scaled(text: str, factor: int) -> str:
    """The plan with its body (between the first numbered heading and 'Nơi nhận') repeated."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line[:2] in ("I.", "1."))
    end = next((i for i, line in enumerate(lines) if line.startswith("Nơi nhận")), len(lines))
    return "\n".join(lines[:start] + lines[start:end] * factor + lines[end:]) + "\n"


def timed(path: Path, repeat: int) -> float:
    import kehoach

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        kehoach.parse(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docx", action="store_true", help="measure .docx files instead of text")
    args = parser.parse_args()
    import kehoach

    kehoach.parse(SAMPLE)  # grammars loaded: only parsing is measured
    text = SAMPLE.read_text(encoding="utf-8")
    print("| size | text | parse | ms per KB of text | vs 1x |\n|---|---|---|---|---|")
    base = None
    with tempfile.TemporaryDirectory() as folder:
        for factor in (1, 10, 100):
            body = scaled(text, factor)
            path = Path(folder) / f"plan-{factor}x.{'docx' if args.docx else 'txt'}"
            if args.docx:
                import docx

                document = docx.Document()
                for line in body.splitlines():
                    document.add_paragraph(line)
                document.save(path)
            else:
                path.write_text(body, encoding="utf-8")
            kb = len(body.encode("utf-8")) / 1024  # the text, not the file: a .docx zips repetition away
            seconds = timed(path, 5 if factor < 100 else 2)
            per_kb = seconds * 1000 / kb
            base = base or per_kb
            print(f"| {factor}x | {kb:.0f} KB | {seconds:.3f} s | {per_kb:.2f} | {per_kb / base:.2f} |", flush=True)
    print(f"\npython {sys.version.split()[0]}; linear growth keeps 'vs 1x' near 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
