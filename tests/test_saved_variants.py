"""A plan saved another way reads the same: marks apart from their letters (NFD, as macOS and some
web pages save text), non-breaking spaces (a web page's &nbsp;), Windows line ends, indented lines.

Each variant changes how the text is stored, not what it says, so the whole parse must come out
equal, but for the file's digest."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach import parse
from tests.conftest import FIXTURES, SAMPLES

PLANS = sorted(SAMPLES.glob("*.txt")) + [FIXTURES / "corpus2" / name for name in ("q008.txt", "q012.txt", "q030.txt")] \
    + [FIXTURES / "fulltext" / "kh-qd-254-2023-ubnd-sonla.txt"]


def _nbsp(text: str) -> str:
    """Every third space between words non-breaking (a web page mixes both)."""
    parts = text.split(" ")
    return "".join(part + ("\u00a0" if index % 3 == 1 else " ") for index, part in enumerate(parts[:-1])) + parts[-1]


def _indented(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(("  " * (index % 4) + line) if line.strip() else line for index, line in enumerate(lines))


VARIANTS = {
    "nfd": lambda text: unicodedata.normalize("NFD", text),
    "nbsp": _nbsp,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "indented": _indented,
}


def _read(data: bytes, name: str) -> dict:
    plan = parse(data, name=name).model_dump(mode="json")
    plan["source"].pop("sha256")
    return plan


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_a_plan_saved_another_way_reads_the_same(path: Path, variant: str):
    text = path.read_text(encoding="utf-8")
    changed = VARIANTS[variant](text)
    assert changed != text
    assert _read(changed.encode("utf-8"), path.name) == _read(text.encode("utf-8"), path.name)
