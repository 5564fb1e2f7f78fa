"""Golden tests: every sample plan parses to the committed output (regenerate with --update-goldens),
and scores against the hand-made gold answers stay at the levels the project has reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kehoach import parse
from tests.conftest import FIXTURES, GOLDEN, ROOT, SAMPLES
from tests.support.gold_score import COLUMNS, score_one

FAST = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.docx")) + \
    sorted(p for p in SAMPLES.glob("*.pdf") if not p.name.endswith(".scan.pdf")) + \
    sorted((FIXTURES / "corpus").glob("p*.txt")) + sorted((FIXTURES / "plans").glob("*"))
SLOW = sorted(SAMPLES.glob("*.doc")) + sorted(SAMPLES.glob("*.scan.pdf"))
INPUTS = [*FAST, *(pytest.param(path, marks=pytest.mark.slow) for path in SLOW)]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name if isinstance(p, Path) else str(p))
def test_output_equals_golden(path, update_goldens):
    plan = parse(path, name=_relative(path))
    text = json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    golden = GOLDEN / f"{path.name}.json"
    if update_goldens:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        pytest.skip("golden rewritten")
    assert golden.exists(), f"no golden for {path.name}: run pytest --update-goldens and review the diff"
    assert text == golden.read_text(encoding="utf-8"), f"{path.name} differs from its golden"


def _gold_cases(folder: str, input_map):
    cases = []
    for gold_file in sorted((FIXTURES / folder).glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        cases.append((gold_file.stem, gold, input_map(gold["input"])))
    return cases


SEED_GOLD = _gold_cases("gold", lambda name: SAMPLES / Path(name).name)
WORD_GOLD = _gold_cases("gold", lambda name: SAMPLES / Path(name).with_suffix(".docx").name)
PDF_GOLD = _gold_cases("gold", lambda name: SAMPLES / Path(name).with_suffix(".pdf").name)
DOC_GOLD = _gold_cases("gold", lambda name: SAMPLES / Path(name).with_suffix(".doc").name)
SCAN_GOLD = _gold_cases("gold", lambda name: SAMPLES / Path(name).with_suffix(".scan.pdf").name)
CORPUS_GOLD = _gold_cases("corpus_gold", lambda name: FIXTURES / "corpus" / Path(name).name)
# plan openings and whole plans the parser was not built on (issue 18): floors at what it reads
# today, so that a change for one set cannot quietly cost another
CORPUS2_GOLD = _gold_cases("corpus2_gold", lambda name: FIXTURES / "corpus2" / Path(name).name)
FULLTEXT_GOLD = _gold_cases("fulltext_gold", lambda name: FIXTURES / "fulltext" / Path(name).name)


def _scores(cases):
    rows = {}
    for stem, gold, path in cases:
        rows[stem] = score_one(gold, parse(path).model_dump(mode="json"))
    return rows


def _column_means(rows):
    means = {}
    for column in COLUMNS:
        values = [row[column] for row in rows.values() if column in row]
        if values:
            means[column] = sum(values) / len(values)
    return means


@pytest.mark.parametrize(("cases", "overall", "column_floor"), [
    pytest.param(SEED_GOLD, 0.97, 0.93, id="seeds"),
    pytest.param(CORPUS_GOLD, 0.93, 0.80, id="corpus"),
    pytest.param(WORD_GOLD, 0.96, 0.90, id="docx"),
    pytest.param(PDF_GOLD, 0.96, 0.90, id="pdf"),
    pytest.param(DOC_GOLD, 0.96, 0.90, id="doc", marks=pytest.mark.slow),
    pytest.param(SCAN_GOLD, 0.90, 0.70, id="scan", marks=pytest.mark.slow),
])
def test_gold_scores_stay_up(cases, overall, column_floor):
    rows = _scores(cases)
    file_means = {stem: sum(row.values()) / len(row) for stem, row in rows.items()}
    total = sum(file_means.values()) / len(file_means)
    assert total >= overall, f"mean score {total:.3f} < {overall}: {file_means}"
    for column, mean in _column_means(rows).items():
        floor = max(column_floor, 0.95) if column == "header" else column_floor  # headers survive OCR too
        assert mean >= floor, f"column {column} at {mean:.3f}"
    worst = min(file_means.items(), key=lambda item: item[1])
    assert worst[1] >= 0.75, f"{worst[0]} scores {worst[1]:.3f}"


# The sets the parser was not built on: their floors are the scores reached, column by column, so
# that they only go up (issue 18 asked corpus2 >= 0.97 and fulltext >= 0.95).
UNSEEN_FLOORS = {
    "corpus2": (CORPUS2_GOLD, 0.975, {"header": 0.98, "basis": 0.98, "basis.f": 0.97, "sections": 0.98, "roles": 0.95,
                                     "targets": 1.0, "metrics": 1.0}),
    "fulltext": (FULLTEXT_GOLD, 0.955, {"header": 1.0, "basis": 0.96, "basis.f": 0.91, "sections": 0.99, "roles": 0.98,
                                        "targets": 0.84, "metrics": 0.85, "assign": 0.96, "mode": 0.95, "report": 1.0,
                                        "recip": 1.0, "sign": 1.0}),
}


@pytest.mark.parametrize("name", UNSEEN_FLOORS)
def test_unseen_sets_keep_their_level(name):
    cases, overall, floors = UNSEEN_FLOORS[name]
    rows = _scores(cases)
    file_means = {stem: sum(row.values()) / len(row) for stem, row in rows.items()}
    total = sum(file_means.values()) / len(file_means)
    means = _column_means(rows)
    assert total >= overall, f"{name}: mean score {total:.3f} < {overall}"
    for column, floor in floors.items():
        assert means[column] >= floor, f"{name}: column {column} at {means[column]:.3f} < {floor}"
