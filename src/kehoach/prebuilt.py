"""Pydantic models completed from core schemas kept in the cache, instead of built at every start.

Building the output models (pydantic turning their annotations into a core schema, then into a
validator and a serializer) costs a one-plan run more than parsing the plan does. The core schema
is data, and pydantic-core makes the validator and the serializer from it alone: kept once built,
it gives the same validation and the same output in a fraction of the time. It is kept under a
digest of the models' source and of the pydantic and pydantic-core versions, so an edited model or
another pydantic builds again; without a cache the models build on first use, as pydantic defers
them.

What is kept leaves out each schema's `metadata`: pydantic reads it only to write JSON Schema (it
holds functions, which do not pickle), and pydantic-core never does. `full` builds the models
again, whole, before a JSON Schema is written. This is a speed trick with pydantic's own build as
its plain twin: `tests/test_prebuilt.py` holds every kept schema to a fresh build, and
`benchmarks/tricks.py` measures a start with and without it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic._internal._config import ConfigWrapper  # the core config pydantic builds a model with

from kehoach import cache


def complete(models: Sequence[type[BaseModel]]) -> None:
    """Give deferred `models` (one module's, dependencies first) the validators and serializers
    made from their kept core schemas; build them, and keep their schemas, when none are kept."""
    if not models or cache.cache_file() is None:
        return  # no cache: each model builds when first used
    module = models[0].__module__
    digest = _digest(module)
    if digest is None:
        return
    kept = cache.schemas(module, digest)
    if isinstance(kept, dict) and _attach(models, kept):
        return
    for model in models:
        model.model_rebuild()
    cache.keep_schemas(module, digest, {model.__qualname__: (_without_metadata(model.__pydantic_core_schema__),
                                                           _core_config(model)) for model in models})


def full(models: Sequence[type[BaseModel]]) -> None:
    """Build `models` (dependencies first) again, whole, metadata included, for JSON Schema."""
    for model in models:
        model.model_rebuild(force=True)


def _attach(models: Sequence[type[BaseModel]], kept: dict[str, Any]) -> bool:
    made = []
    try:
        for model in models:
            schema, config = kept[model.__qualname__]
            made.append((model, schema, pydantic_core.SchemaValidator(schema, config),
                         pydantic_core.SchemaSerializer(schema, config)))
    except Exception:  # kept by another shape of the module: build instead
        return False
    for model, schema, validator, serializer in made:  # as pydantic's `complete_model_class` sets them
        model.__pydantic_core_schema__ = schema
        model.__pydantic_validator__ = validator
        model.__pydantic_serializer__ = serializer
        model.__pydantic_complete__ = True
    return True


def _digest(module: str) -> str | None:
    versions = f"\0{pydantic.VERSION} {pydantic_core.__version__}".encode()
    try:
        return cache.source_digest((sys.modules[module],), versions)
    except (KeyError, OSError):  # no source to tell an edit by: no cache
        return None


def _core_config(model: type[BaseModel]) -> Any:
    return ConfigWrapper(model.model_config).core_config(title=model.__name__)


def _without_metadata(schema: Any) -> Any:
    """The core schema without pydantic's `metadata` (a key of schemas, which have a `type`; a
    field of that name is a key of a `fields` mapping, which does not)."""
    if isinstance(schema, dict):
        return {key: _without_metadata(value) for key, value in schema.items()
                if not (key == "metadata" and isinstance(schema.get("type"), str))}
    if isinstance(schema, list):
        return [_without_metadata(value) for value in schema]
    return schema
