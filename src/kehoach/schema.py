"""The JSON Schema of the output contract, generated from the pydantic models."""

from __future__ import annotations

import json

from kehoach.models import Plan, PlanDiff


def plan_schema() -> dict:
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://kehoach.invalid/schema/plan-1.json"
    return schema


def plan_schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def diff_schema() -> dict:
    schema = PlanDiff.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://kehoach.invalid/schema/diff-1.json"
    return schema


def diff_schema_text() -> str:
    return json.dumps(diff_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
