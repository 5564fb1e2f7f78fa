from __future__ import annotations

import json
import re

from kehoach.diagnostics import CODES
from kehoach.models import Plan
from kehoach.output.schema import plan_schema
from tests.conftest import ROOT

CONTRACT_FIELDS = {
    "Plan": ["schema_version", "source", "header", "legal_basis", "references", "sections", "objectives", "targets",
             "tasks", "assignments", "reporting", "recipients", "signature", "diagnostics"],
    "Header": ["issuer_parent", "issuer", "number", "number_seq", "symbol", "doc_type", "place", "date", "date_text",
               "year", "month", "title"],
    "Citation": ["text", "relation", "doc_type", "number", "date", "issuer", "subject", "source"],
    "Section": ["id", "label", "numbering", "depth", "title", "role", "text", "items", "source", "children"],
    "Metric": ["value", "value_max", "unit", "comparator", "per", "year", "direction"],
    "Assignment": ["agency", "mode", "lead", "duties", "section_id", "source"],
    "Reporting": ["text", "period", "due_day", "due_month", "recipient", "source"],
    "Signature": ["authority", "position", "signer"],
}


def test_committed_schema_is_the_generated_one():
    committed = json.loads((ROOT / "docs" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    assert committed == plan_schema(), "run `kehoach schema > docs/schema/plan.schema.json`"


def test_committed_diff_schema_is_the_generated_one():
    from kehoach.output.schema import diff_schema

    committed = json.loads((ROOT / "docs" / "schema" / "diff.schema.json").read_text(encoding="utf-8"))
    assert committed == diff_schema()
    properties = diff_schema()["properties"]
    assert {"schema_version", "parent", "child", "cites_parent", "targets", "tasks", "assignments", "reporting",
            "summary"} <= set(properties)


def test_contract_names_are_all_there():
    schema = plan_schema()
    definitions = {"Plan": schema, **schema["$defs"]}
    for model, fields in CONTRACT_FIELDS.items():
        assert set(fields) <= set(definitions[model]["properties"]), model


def test_plan_round_trips():
    assert Plan.model_json_schema()["title"] == "Plan"


def test_every_diagnostic_code_is_documented():
    text = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))
    assert documented == set(CODES)


def test_every_exit_status_is_documented():
    from kehoach import errors

    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    statuses = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert statuses == {0, 1, 2, 3, 4, 130, 143}
    for status in statuses:
        assert f"\n| {status} |" in text, status
