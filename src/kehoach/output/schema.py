"""The JSON Schema of the output contract, generated from the pydantic models."""

from __future__ import annotations

import json

from kehoach import prebuilt
from kehoach.models import MODELS, Plan, PlanDiff


def _schema(model, name: str) -> dict:
    prebuilt.full(MODELS)  # the models' descriptions, which the kept core schemas leave out
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://kehoach.invalid/schema/{name}-1.json"
    return schema


def _text(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def plan_schema() -> dict:
    return _schema(Plan, "plan")


def plan_schema_text() -> str:
    return _text(plan_schema())


def diff_schema() -> dict:
    return _schema(PlanDiff, "diff")


def diff_schema_text() -> str:
    return _text(diff_schema())
