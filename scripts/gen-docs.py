#!/usr/bin/env python3
"""Regenerate the generated documentation: docs/diagnostics.md and docs/schema/plan.schema.json."""

from __future__ import annotations

from pathlib import Path

from kehoach.diagnostics import CODES
from kehoach.output.schema import diff_schema_text, plan_schema_text

ROOT = Path(__file__).resolve().parent.parent
HEAD = """# Diagnostics

Every plan's `diagnostics` list says what was odd in it. Each entry has a `level` (`warning`: the
plan parsed, something in it is unusual; `error`: part of it could not be read), a `code` from the
table below, a `message` in English, and the `source` (line, page, paragraph) it refers to where
there is one.

| code | meaning |
|---|---|
"""
rows = "".join(f"| `{code}` | {meaning} |\n" for code, meaning in CODES.items())
tail = "\nExit statuses, the messages for inputs that cannot be parsed, and the limits: [errors.md](errors.md).\n"
(ROOT / "docs" / "diagnostics.md").write_text(HEAD + rows + tail, encoding="utf-8")
(ROOT / "docs" / "schema" / "plan.schema.json").write_text(plan_schema_text(), encoding="utf-8")
(ROOT / "docs" / "schema" / "diff.schema.json").write_text(diff_schema_text(), encoding="utf-8")
