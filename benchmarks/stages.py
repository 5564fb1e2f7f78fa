#!/usr/bin/env python3
"""Where a parse spends its time: milliseconds per pipeline stage, for each file given (default: the
sample DOCX files and, when made, the 300-page plans of `run.py`). A measurement, never a test.

    .venv/bin/python benchmarks/stages.py                  # the samples (and the 300-page plans if made)
    .venv/bin/python benchmarks/stages.py plan.docx -n 50  # one file, 50 runs

Each run starts with kehoach's text memos cleared (`kehoach.memo`), as a first parse would; the
figures are medians. The stages are those of `kehoach.pipeline.parse`, called one by one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("read", "zones", "outline", "header", "basis", "signature", "references", "sections",
          "objectives", "targets", "tasks", "assignments", "reporting", "recipients")


def timed_stages(path: Path) -> dict[str, float]:
    """Seconds per stage for one parse of `path`."""
    from kehoach import memo, pipeline, readers
    from kehoach.diagnostics import Diagnostics

    memo.clear()
    data = path.read_bytes()
    times: dict[str, float] = {}

    def run(stage: str, action):
        started = time.perf_counter()
        result = action()
        times[stage] = time.perf_counter() - started
        return result

    diagnostics = Diagnostics()
    blocks, _ = run("read", lambda: readers.read(data, diagnostics, name=path.name))
    zones = run("zones", lambda: pipeline.split(blocks, diagnostics))
    outline = run("outline", lambda: pipeline.build(zones.body, diagnostics))
    roles = {node.role.value for node in outline.walk() if node.role}
    preamble = [block.text for block in zones.preamble[:5]]
    run("header", lambda: pipeline.extract_header(zones.header, diagnostics, preamble, roles))
    basis = run("basis", lambda: pipeline.legal_basis(zones.preamble, outline))
    run("signature", lambda: pipeline.extract_signature(zones.footer))
    titles = pipeline._title_blocks(zones) + zones.preamble
    run("references", lambda: pipeline.references(titles, zones.body, basis))
    run("sections", lambda: [pipeline._section(root) for root in outline.roots])
    run("objectives", lambda: pipeline.extract_objectives(outline))
    run("targets", lambda: pipeline.extract_targets(outline, None))
    run("tasks", lambda: pipeline.extract_tasks(outline))
    run("assignments", lambda: pipeline.extract_assignments(outline))
    run("reporting", lambda: pipeline.extract_reporting(zones.body))
    run("recipients", lambda: pipeline.extract_recipients(zones.footer))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="files to parse (default: the sample DOCX files)")
    parser.add_argument("-n", "--runs", type=int, default=20, help="runs per file (default 20)")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples").glob("*.docx"))
    if not args.files:
        files += [path for name in ("plan-300.docx", "stress-300.docx")
                  if (path := ROOT / "benchmarks" / ".cache" / name).exists()]
    import kehoach

    kehoach.parse(ROOT / "samples" / "000_3c7e1ad7be525b1e.txt")  # grammars loaded and compiled
    print("| file | " + " | ".join(STAGES) + " | sum |")
    print("|---" * (len(STAGES) + 2) + "|")
    for path in files:
        runs = [timed_stages(path) for _ in range(max(1, args.runs if path.stat().st_size < 1_000_000 else 3))]
        medians = [statistics.median(run[stage] for run in runs) * 1000 for stage in STAGES]
        cells = " | ".join(f"{value:.2f}" for value in medians)
        print(f"| {path.name} | {cells} | {sum(medians):.2f} |", flush=True)
    print("\nmilliseconds, median of the runs; text memos cleared before each run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
