"""`kehoach schema`: the JSON Schema of the output."""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def schema(
    of_diff: Annotated[bool, typer.Option("--diff", help="The schema of `kehoach diff -f json` instead.")] = False,
) -> None:
    """Print the JSON Schema of the parse output (or of the diff), generated from the models."""
    from kehoach.output.schema import diff_schema_text, plan_schema_text

    sys.stdout.write(diff_schema_text() if of_diff else plan_schema_text())
