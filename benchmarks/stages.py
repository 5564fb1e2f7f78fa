#!/usr/bin/env python3
"""Where a parse spends its time: milliseconds per pipeline stage, for each file given (default: the
sample DOCX files and, when made, the 300-page plans of `run.py`). A measurement, never a test.

    .venv/bin/python benchmarks/stages.py                  # the samples (and the 300-page plans if made)
    .venv/bin/python benchmarks/stages.py plan.docx -n 50  # one file, 50 runs

The figures are medians. The stages are those `kehoach.pipeline` lists, called one by one, and
each extractor on its own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("read", "normalize", "layout", "classify", "zones", "paragraphs", "outline", "header", "basis",
          "signature", "references", "sections", "objectives", "targets", "tasks", "assignments", "reporting",
          "recipients")


def timed_stages(path: Path) -> dict[str, float]:
    """Seconds per stage for one parse of `path`."""
    from kehoach import normalize, pipeline, readers
    from kehoach.diagnostics import Diagnostics

    data = path.read_bytes()
    times: dict[str, float] = {}

    def run(stage: str, action):
        started = time.perf_counter()
        result = action()
        times[stage] = time.perf_counter() - started
        return result

    diagnostics = Diagnostics()
    raw, _ = run("read", lambda: readers.read(data, diagnostics, name=path.name))
    blocks = run("normalize", lambda: normalize.normalize(raw))
    arranged = run("layout", lambda: pipeline.arrange(blocks, diagnostics))
    lines = run("classify", lambda: pipeline.classify(arranged.blocks))
    zones = run("zones", lambda: pipeline.split_zones(lines, arranged.header_end, arranged.truncated, diagnostics))
    zones = run("paragraphs", lambda: pipeline.join_paragraphs(zones, diagnostics))
    outline = run("outline", lambda: pipeline.build_outline(zones.body, diagnostics))
    roles = {node.role.value for node in outline.walk() if node.role}
    preamble = [line.text for line in zones.preamble[:5]]
    body = [line.block for line in zones.body]
    footer = [line.block for line in zones.footer]
    run("header", lambda: pipeline.extract_header(zones.header, diagnostics, preamble, roles))
    basis = run("basis", lambda: pipeline.extract_legal_basis(zones.preamble, outline))
    run("signature", lambda: pipeline.extract_signature(footer))
    titles = zones.header.type_and_title + [line.block for line in zones.preamble]
    run("references", lambda: pipeline.extract_references(titles, body, basis))
    run("sections", lambda: pipeline.extract_sections(outline))
    run("objectives", lambda: pipeline.extract_objectives(outline))
    run("targets", lambda: pipeline.extract_targets(outline, None))
    run("tasks", lambda: pipeline.extract_tasks(outline))
    run("assignments", lambda: pipeline.extract_assignments(outline))
    run("reporting", lambda: pipeline.extract_reporting(body))
    run("recipients", lambda: pipeline.extract_recipients(footer))
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
    print("\nmilliseconds, median of the runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
