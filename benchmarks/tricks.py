#!/usr/bin/env python3
"""What each speed trick kept in the code earns against its plain twin, measured here rather than
written in comments that go stale. A measurement, never a test (the tests hold each trick to its
twin's answers).

    .venv/bin/python benchmarks/tricks.py

- styles read by bytes (`ByteStyles`) against the whole styles.xml parsed (`TreeStyles`), for a
  small file and for python-docx's template, asking for the styles a plan uses;
- a grammar entry's word filter (`Entry.search`) against its bare pattern (`Entry.rx.search`);
- `FirstOf` (the numbering schemes as one pattern) against a loop over the schemes;
- the cache kept between runs (`kehoach.cache`: compiled patterns, loaded grammars, the models' core
  schemas from `kehoach.prebuilt`) against no cache
  (`KEHOACH_CACHE_DIR=` empty), on a whole `kehoach parse` of a sample plan.

(The type words were once a pattern factored by word; measured here against the flat alternation
it was slower, and it went.)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], object], runs: int = 15) -> float:
    """Median milliseconds of `runs` runs."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def lines() -> list[str]:
    texts = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
    return [line for path in texts for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def styles_rows() -> list[tuple[str, float, float]]:
    import zipfile

    import docx

    from kehoach.readers.docx.styles import ByteStyles, TreeStyles

    with zipfile.ZipFile(Path(docx.__file__).parent / "templates" / "default.docx") as template:
        big = template.read("word/styles.xml")  # python-docx's template: what files made by it carry
    small = (Path(docx.__file__).parent / "templates" / "default-styles.xml").read_bytes()
    asked = ["Normal", "Heading1", "Heading2", "ListParagraph", "Title"]
    rows = []
    for name, xml in ((f"styles.xml of {len(small) // 1024} KB", small), (f"styles.xml of {len(big) // 1024} KB", big)):
        def by_bytes(xml: bytes = xml) -> None:
            styles = ByteStyles(xml)
            for style in asked:
                styles.get(style)

        def by_tree(xml: bytes = xml) -> None:
            styles = TreeStyles(xml)
            for style in asked:
                styles.get(style)

        rows.append((f"{name}: bytes / whole tree", timed(by_bytes), timed(by_tree)))
    return rows


def grammar_rows(texts: list[str]) -> list[tuple[str, float, float]]:
    from kehoach import grammar

    entries = [entry for name in grammar.FILES for entry, _ in grammar.entries(grammar.load(name), name)
               if entry.requires or entry.starts_with]
    for entry in entries:
        _ = entry.rx

    def filtered() -> None:
        for entry in entries:
            for text in texts:
                entry.search(text)

    def bare() -> None:
        for entry in entries:
            for text in texts:
                entry.rx.search(text)

    schemes = grammar.numbering().schemes
    first_of = grammar.FirstOf(schemes)

    def one_pattern() -> None:
        for text in texts:
            first_of.rx.match(text)

    def loop() -> None:
        for text in texts:
            next((scheme for scheme in schemes if scheme.rx.match(text)), None)

    return [(f"{len(entries)} entries with a word filter: filtered / bare", timed(filtered, 5), timed(bare, 5)),
            ("numbering schemes: FirstOf / a loop", timed(one_pattern), timed(loop))]


def cache_rows() -> list[tuple[str, float, float]]:
    import os
    import subprocess
    import tempfile

    program = str(Path(sys.executable).parent / "kehoach")
    plan = str(ROOT / "samples" / "000_3c7e1ad7be525b1e.txt")
    with tempfile.TemporaryDirectory() as folder:
        def run(cache: str) -> None:
            subprocess.run([program, "parse", plan], stdout=subprocess.DEVNULL, check=True,
                           env={**os.environ, "KEHOACH_CACHE_DIR": cache})

        run(folder)  # filled, as by a user's first run
        return [("`kehoach parse plan.txt`: the cache / none", timed(lambda: run(folder), 11),
                 timed(lambda: run(""), 11))]


def main() -> int:
    texts = lines()
    print("| trick | with the trick (ms) | plain twin (ms) | gain |")
    print("|---|---|---|---|")
    for name, trick, plain in [*styles_rows(), *grammar_rows(texts), *cache_rows()]:
        print(f"| {name} | {trick:.2f} | {plain:.2f} | {plain / trick:.1f}x |", flush=True)
    print(f"\nmedians; {len(texts)} lines of the sample and corpus plans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
