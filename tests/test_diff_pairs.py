"""The written child plans against their real parents (tests/fixtures/diff/child-00N.expected.yaml):
every part's rows and changes found, matched as the project's scorer matches them (the status, and
each side's opening words alike), held at the level reached. A pair's expected file names its
parent and child relative to the shared folder; here the seeds are in samples/ and the rest in
tests/fixtures/diff/."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pytest
import yaml

from kehoach import parse
from kehoach.plandiff import diff
from tests.conftest import FIXTURES, SAMPLES

UNCHANGED = {"kept", "covered", "ok"}
# the worst of each pair's recall and precision, over rows and changes, in every part (text inputs, and
# across formats)
FLOORS = {"child-000": 1.0, "child-004": 1.0, "child-005": 1.0, "child-006": 1.0}


def _norm(text) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).translate(dict.fromkeys(map(ord, "\u2013\u2014"), "-"))
    text = re.sub(r"[*_#|`]+", " ", text)
    text = re.sub(r"^\s*[-+•]\s*", "", text)
    return re.sub(r"\s+", " ", text).strip(" .;:,").casefold()


def _alike(want, got) -> bool:
    if want is None or got is None:
        return want is None and got is None
    a, b = _norm(want)[:40], _norm(got)[:40]
    n = min(len(a), len(b))
    return (n >= 12 and a[:n] == b[:n]) or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def _side(row, name):
    value = getattr(row, name)
    if value is None or isinstance(value, str):
        return value
    return getattr(value, "text", None) or getattr(value, "agency", None)


def _path(name: str):
    return SAMPLES / name.removeprefix("seeds/") if name.startswith("seeds/") else FIXTURES / name


def _worst(expected: dict, result) -> float:
    worst = 1.0
    for part in ("targets", "tasks", "assignments"):
        want = expected.get(part) or []
        have = [row for row in getattr(result, part) if row.status != "out_of_scope"]
        used, pairs = set(), []
        for i, row in enumerate(want):
            for j, got in enumerate(have):
                if j not in used and got.status == row["status"] and _alike(row["parent"], _side(got, "parent")) \
                        and _alike(row["child"], _side(got, "child")):
                    used.add(j)
                    pairs.append(i)
                    break
        changes = [i for i, row in enumerate(want) if row["status"] not in UNCHANGED]
        found = [i for i in pairs if i in changes]
        predicted = [row for row in have if row.status not in UNCHANGED]
        ratios = [len(pairs) / len(want) if want else 1.0, len(pairs) / len(have) if have else 1.0,
                  len(found) / len(changes) if changes else 1.0, len(found) / len(predicted) if predicted else 1.0]
        worst = min(worst, *ratios)
    return worst


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_a_written_child_is_judged_as_expected(name):
    expected = yaml.safe_load((FIXTURES / "diff" / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    parent = parse(_path(expected["parent"]).with_suffix(".txt"))
    child = parse(FIXTURES / "diff" / f"{name}.txt")
    result = diff(parent, child)
    assert result.cites_parent is expected["cites_parent"]
    assert _worst(expected, result) >= FLOORS[name]


@pytest.mark.parametrize(("parent_format", "child_format"), [(".pdf", ".docx"), (".docx", ".pdf")])
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_same_judgement_across_formats(name, parent_format, child_format):
    """The parent as its PDF and the child as its Word file, and the other way round (a child's
    indicator table ruled in its PDF, a row cut by a page break): the same answer as in text."""
    expected = yaml.safe_load((FIXTURES / "diff" / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    parent = parse(_path(expected["parent"]).with_suffix(parent_format))
    child = parse(FIXTURES / "diff" / f"{name}{child_format}")
    result = diff(parent, child)
    assert result.cites_parent is expected["cites_parent"]
    assert _worst(expected, result) >= FLOORS[name]
