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

OPENINGS = ("q008.txt", "q012.txt", "q030.txt", "q040.txt", "q121.txt")  # glyph loss, a wrapped basis, a table
PLANS = sorted(SAMPLES.glob("*.txt")) + [FIXTURES / "corpus2" / name for name in OPENINGS] \
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


def _without_places(data):
    """The parse without where things are (a line under every line moves every line)."""
    if isinstance(data, dict):
        return {key: _without_places(value) for key, value in data.items() if key not in ("source", "diagnostics")}
    if isinstance(data, list):
        return [_without_places(value) for value in data]
    return data


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_a_copy_with_a_blank_line_under_every_line_reads_the_same(path: Path):
    """A web page or a PDF viewer's copy: its blank lines break a paragraph's lines as often as they
    break paragraphs, so they say nothing ("Thực hiện Nghị quyết số" / "" / "48/NQ-CP ngày ...")."""
    text = path.read_text(encoding="utf-8")
    spaced = "\n\n".join(text.split("\n"))
    assert _without_places(_read(spaced.encode("utf-8"), path.name)) == _without_places(_read(text.encode(), path.name))
