"""emit: one writer per output format, all from `model_dump(mode="json")`, Vietnamese kept readable."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pydantic import BaseModel

from kehoach.output.formats import Format


def to_data(model: BaseModel) -> dict:
    return model.model_dump(mode="json")


def to_json(model: BaseModel, *, indent: int | None = 2) -> str:
    return json.dumps(to_data(model), ensure_ascii=False, indent=indent)


def to_yaml(model: BaseModel) -> str:
    import yaml  # only for YAML output: importing it costs a JSON run a tenth of its start-up

    return yaml.safe_dump(to_data(model), allow_unicode=True, sort_keys=False, width=100)


def render(models: Sequence[BaseModel], fmt: Format, *, many: bool) -> str:
    """The text of one or several documents: a JSON object (an array when `many`), YAML documents,
    or JSON lines."""
    if fmt == Format.jsonl:
        return "".join(to_json(m, indent=None) + "\n" for m in models)
    if fmt == Format.yaml:
        return "---\n".join(to_yaml(m) for m in models)
    if many:
        return json.dumps([to_data(m) for m in models], ensure_ascii=False, indent=2) + "\n"
    return to_json(models[0]) + "\n"
