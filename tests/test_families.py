"""Families of wording from plans the parser was not built on, each as a fixture a domain reader can
edit (tests/fixtures/families/*.txt): what a family looks like on the page, and the fields a user
must get from it.

A fixture file: comment lines ("# ...") naming the family and where it was seen, the plan's text, a
line holding only ".", then the fields as YAML, each key a path into the parsed plan
(`header.issuer`, `legal_basis.0.number`, `sections.0.children.0.role`, `targets.0.metrics.0.value`),
or a list's length (`legal_basis.count: 1`). A
fixture shows a family, not one plan: its text is written for the family (two plans or more were
seen printing it), and only the fields the family decides are asserted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kehoach import parse_text
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "families").glob("*.txt"))


def _case(path: Path) -> tuple[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    stop = lines.index(".")
    return "\n".join(lines[:stop]), yaml.safe_load("\n".join(lines[stop + 1:]))


def _at(value: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(value, list) and part == "count":
            return len(value)
        if isinstance(value, list):
            index = int(part)
            assert index < len(value), f"{path}: only {len(value)} item(s)"
            value = value[index]
        else:
            assert isinstance(value, dict) and part in value, f"{path}: no {part!r}"
            value = value[part]
    return value


def test_there_are_families():
    assert len(CASES) >= 5


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_family_is_read(path):
    text, expected = _case(path)
    assert expected, f"{path.name} asserts nothing"
    plan = parse_text(text, name=path.name).model_dump(mode="json")
    wrong = {key: (_at(plan, key) if _exists(plan, key) else "<missing>", want)
             for key, want in expected.items() if not _exists(plan, key) or _at(plan, key) != want}
    assert not wrong, "\n".join(f"{key}: got {got!r}, want {want!r}" for key, (got, want) in wrong.items())


def _exists(plan: dict, key: str) -> bool:
    try:
        _at(plan, key)
    except AssertionError:
        return False
    return True
