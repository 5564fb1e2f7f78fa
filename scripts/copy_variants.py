#!/usr/bin/env python3
"""Score the shared sets as other copies would give them: a check that a change holds on plans
saved, wrapped or worded in ways the sets do not show.

    python scripts/copy_variants.py ../shared [VARIANT ...] [--out /tmp/kehoach-variants]

Each variant rewrites the text inputs of corpus2, fulltext and the seeds the way a real copy may
differ (marks apart from their letters, a page width, a blank line under every line, labels
"1)" for "1.", "Kế hoạch" for "KẾ HOẠCH", ...), writes them under --out beside their gold, runs
the shared scorer on each, and prints its ALL rows; the diff pairs (parents and children, seeds
among them) are rewritten too and scored by `score_diff.py`, worst part per pair. Where a variant
changes what the text says
(dates in the other form, old-style tone marks), the gold's strings are rewritten the same way.
Some drops are the variant's own doing, not the parser's: a date printed over two lines keeps its
first form while its gold is rewritten; a sharing site's "1." before a flattened page becomes
"1)". Read the files that drop before changing anything.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

_OLD_TONES = {new: old for new, old in [
    ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"), ("òe", "oè"), ("óe", "oé"),
    ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"), ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ")]}
_OLD_TONES |= {new.capitalize(): old.capitalize() for new, old in list(_OLD_TONES.items())}
_OLD_TONES |= {new.upper(): old.upper() for new, old in list(_OLD_TONES.items())}
_OLD_TONE = re.compile("|".join(map(re.escape, sorted(_OLD_TONES, key=len, reverse=True))) + r"(?![a-zA-ZÀ-ỹ])")
_DATE_WORDS = re.compile(r"ngày[ \t]+(\d{1,2})[ \t]+tháng[ \t]+(\d{1,2})[ \t]+năm[ \t]+(\d{4})")
_DATE_SLASHES = re.compile(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})")


def _lines(change: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: "\n".join(change(line) for line in text.split("\n"))


def _rewrap(text: str, seed: random.Random) -> str:
    """Hard-wrapped at 60-85 characters, as a copy made at a page's width (tables and markdown
    headings left whole)."""
    out = []
    for line in text.split("\n"):
        width = seed.randint(60, 85)
        while len(line) > width and not line.lstrip().startswith(("|", "#")):
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[:cut])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def _swap_dates(text: str) -> str:
    marked = _DATE_WORDS.sub(lambda m: f"ngày\0{m[1]}/{m[2]}/{m[3]}", text)
    return _DATE_SLASHES.sub(r"ngày \1 tháng \2 năm \3", marked).replace("\0", " ")


def _labels(line: str) -> str:
    line = re.sub(r"^(\s*(?:\*\*)?)([IVX]+)\.\s", r"\1\2- ", line)
    line = re.sub(r"^(\s*(?:\*\*)?)(\d{1,2})\.\s", r"\1\2) ", line)
    line = re.sub(r"^(\s*)([a-zđ])\)\s", r"\1\2. ", line)
    return re.sub(r"^(\s*)-\s", r"\1+ ", line)


def _heading_case(line: str) -> str:
    match = re.match(r"^(\s*(?:\*\*)?(?:[IVX]+|\d{1,2})\.\s+)(.+)$", line)
    if not match or len(line) >= 150 or line.count("**") % 2:
        return line
    body = match[2]
    return match[1] + (body[:1].upper() + body[1:].lower() if body.isupper() else body.upper())


def variants(seed: random.Random) -> dict[str, Callable[[str], str]]:
    return {
        "nfd": lambda text: unicodedata.normalize("NFD", text),
        "nbsp": lambda text: "".join("\u00a0" if char == " " and seed.random() < 0.3 else char for char in text),
        "crlf": lambda text: text.replace("\n", "\r\n"),
        "oldtone": lambda text: _OLD_TONE.sub(lambda m: _OLD_TONES[m[0]], text),
        "rewrap": lambda text: _rewrap(text, seed),
        "blanks": lambda text: "\n\n".join(text.split("\n")),
        "dates": _swap_dates,
        "labels": _lines(_labels),
        "headcase": _lines(_heading_case),
        "numspace": lambda text: re.sub(r"(\d)/([A-ZĐ])",
                                        lambda m: m[1] + (" /" if seed.random() < 0.5 else "/ ") + m[2], text),
        "canvao": lambda text: re.sub(r"(?m)^(\s*)Căn cứ (?!vào)", r"\1Căn cứ vào ", text),
        "typecase": lambda text: re.sub(r"(?m)^(\s*(?:\*\*)?)KẾ HOẠCH(\s*(?:\*\*)?\s*)$", r"\1Kế hoạch\2", text),
        "nomotto": lambda text: re.sub(r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc", "",
                                       re.sub(r"CỘNG HO?[ÀÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", text)),
    }


GOLD_TOO = {"dates", "oldtone"}  # what the text says changes: the gold's strings change with it
SETS = [("corpus2", "corpus2", "pages", "gold"), ("fulltext", "fulltext", "texts", "gold"),
        ("seeds", ".", "seeds", "gold")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("variant", nargs="*")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kehoach-variants"))
    args = parser.parse_args()
    known = variants(random.Random(7))
    chosen = args.variant or sorted(known)
    for name in chosen:
        if name not in known:
            parser.error(f"no variant {name!r}: {', '.join(sorted(known))}")
    for name in chosen:
        change = variants(random.Random(7))[name]
        for label, folder, inputs, gold in SETS:
            root = args.out / name / label
            shutil.rmtree(root, ignore_errors=True)
            (root / inputs).mkdir(parents=True)
            shutil.copytree(args.shared / folder / gold, root / gold)
            for path in sorted((args.shared / folder / inputs).glob("*.txt")):
                (root / inputs / path.name).write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
            if name in GOLD_TOO:
                for path in (root / gold).glob("*.yaml"):
                    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
            scored = subprocess.run([sys.executable, str(args.shared / "tools" / "score.py"), str(root / gold),
                                     "--inputs", str(root)], capture_output=True, text=True)
            rows = [line for line in scored.stdout.splitlines() if line.startswith("ALL")]
            print(f"{name:9} {label:9} {rows[0] if rows else scored.stderr.strip()[-200:]}", flush=True)
        print(f"{name:9} {'diffs':9} {_diffs(args.shared, args.out / name / 'diffs', change)}", flush=True)
    return 0


def _diffs(shared: Path, root: Path, change: Callable[[str], str]) -> str:
    """The diff pairs' worst part each, their texts rewritten (the expected strings are not: a
    variant that changes the words, dates or labels, drops by its own doing there)."""
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("diff", "seeds"):
        (root / folder).mkdir(parents=True)
        for path in sorted((shared / folder).glob("*.txt")):
            (root / folder / path.name).write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    found = []
    for expected in sorted((shared / "diff").glob("child-*.expected.yaml")):
        scored = subprocess.run([sys.executable, str(shared / "tools" / "score_diff.py"), str(expected), "--base",
                                 str(root)], capture_output=True, text=True)
        worst = [line.split()[-1] for line in scored.stdout.splitlines() if line.startswith("worst")]
        found.append(f"{expected.name.split('.')[0]} {worst[0] if worst else 'failed'}")
    return "  ".join(found)


if __name__ == "__main__":
    sys.exit(main())
