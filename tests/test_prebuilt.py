"""Models completed from kept core schemas (`kehoach.prebuilt`) behave as pydantic builds them.

Each check runs fresh processes over a cache folder of its own: one that builds and keeps the
schemas, one that completes the models from them, and pydantic's own build as the plain twin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Prints each output model's core schema, and whether this process built anything the cache
# did not hold. `strip` is the plain rule: pydantic's own schema without its `metadata` keys. A
# schema's references end in the id of the class in the process that built it: left out.
SCHEMAS = textwrap.dedent("""
    import json, re, sys
    from kehoach import cache, models

    def strip(schema):
        if isinstance(schema, dict):
            return {k: strip(v) for k, v in schema.items()
                    if not (k == "metadata" and isinstance(schema.get("type"), str))}
        if isinstance(schema, list):
            return [strip(v) for v in schema]
        return schema

    built_here = {m.__name__: not isinstance(m.__dict__.get("__pydantic_core_schema__"), dict) for m in models.MODELS}
    for model in models.MODELS:
        model.model_rebuild()  # builds a model left to first use (no cache); else a no-op
    def shown(schema):
        return re.sub(r"(kehoach\\.models\\.\\w+):\\d+", r"\\1", repr(strip(schema)))

    print(json.dumps({"built_here": built_here, "saved": cache.save(),
                      "schemas": {m.__name__: shown(m.__pydantic_core_schema__) for m in models.MODELS}}))
""")


def _run(code: str, cache: Path | str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KEHOACH_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd,
                          check=True, timeout=120)


def test_kept_schemas_are_pydantic_s_own_build_without_metadata(tmp_path):
    first = json.loads(_run(SCHEMAS, tmp_path).stdout)
    second = json.loads(_run(SCHEMAS, tmp_path).stdout)
    plain = json.loads(_run(SCHEMAS, "").stdout)
    assert first["saved"] and not second["saved"]  # the second run built nothing: it read every schema
    assert not any(second["built_here"].values())
    assert all(plain["built_here"].values())  # no cache: pydantic built each model on first use
    assert second["schemas"] == plain["schemas"] == first["schemas"]


def test_models_completed_from_the_cache_validate_and_write_as_built_ones(tmp_path):
    code = textwrap.dedent("""
        import json
        from pydantic import ValidationError
        from kehoach import cache, models
        cache.save()
        out = {}
        try:
            models.Source(line=1, bogus=2)
        except ValidationError as exc:
            out["extra"] = exc.errors()[0]["type"]
        try:
            models.Source(line=1).line = 2
        except ValidationError as exc:
            out["frozen"] = exc.errors()[0]["type"]
        try:
            models.Target(text="x", section_id="I", source={"line": "twelve"})
        except ValidationError as exc:
            out["nested"] = [e["loc"] for e in exc.errors()]
        plan = models.Plan(source={"path": "a.txt", "format": "txt", "sha256": "0"}, recipients=["Như trên"])
        out["json"] = plan.model_dump_json()
        out["again"] = models.Plan.model_validate_json(out["json"]) == plan
        print(json.dumps(out, ensure_ascii=False))
    """)
    results = [json.loads(_run(code, cache).stdout) for cache in (tmp_path, tmp_path, "")]
    assert results[0]["extra"] == "extra_forbidden" and results[0]["frozen"] == "frozen_instance"
    assert results[0]["nested"] == [["source", "line"]]
    assert results[0]["again"] is True and '"recipients":["Như trên"]' in results[0]["json"]
    assert results[0] == results[1] == results[2]  # built here, read from the cache, no cache


def test_json_schema_is_whole_when_the_models_came_from_the_cache(tmp_path):
    kehoach = [sys.executable, "-m", "kehoach"]
    env = {**os.environ, "KEHOACH_CACHE_DIR": str(tmp_path)}
    subprocess.run([*kehoach, "schema"], capture_output=True, env=env, check=True, timeout=120)  # fills the cache
    assert any(tmp_path.iterdir())
    for flag in ([], ["--diff"]):
        printed = subprocess.run([*kehoach, "schema", *flag], capture_output=True, text=True, env=env, check=True,
                                 timeout=120).stdout
        committed = ROOT / "docs" / "schema" / ("diff.schema.json" if flag else "plan.schema.json")
        assert printed == committed.read_text(encoding="utf-8")


def test_an_edited_model_is_built_again_not_read_from_the_cache(tmp_path):
    module = tmp_path / "toy_models.py"
    source = textwrap.dedent("""
        from pydantic import BaseModel, ConfigDict
        from kehoach import prebuilt

        class Toy(BaseModel):
            model_config = ConfigDict(extra="forbid", defer_build=True)
            name: str
            {extra}

        prebuilt.complete([Toy])
    """)
    code = textwrap.dedent("""
        import json
        from kehoach import cache
        import toy_models
        fields = sorted(toy_models.Toy.__pydantic_core_schema__["schema"]["fields"])
        print(json.dumps({"saved": cache.save(), "fields": fields}))
    """)
    cache = tmp_path / "cache"
    module.write_text(source.format(extra=""), encoding="utf-8")
    runs = [json.loads(_run(code, cache, cwd=tmp_path).stdout) for _ in range(2)]
    module.write_text(source.format(extra="count: int = 0"), encoding="utf-8")
    edited = json.loads(_run(code, cache, cwd=tmp_path).stdout)
    assert [run["saved"] for run in runs] == [True, False]
    assert runs[1]["fields"] == ["name"]
    assert edited == {"saved": True, "fields": ["count", "name"]}


def test_a_damaged_cache_entry_builds_the_models(tmp_path):
    code = "from kehoach import cache, models; print(cache.save())"
    assert _run(code, tmp_path).stdout.strip() == "True"
    for path in tmp_path.iterdir():  # every kept entry cut short: the run must build, not fail
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert _run(code, tmp_path).stdout.strip() == "True"
