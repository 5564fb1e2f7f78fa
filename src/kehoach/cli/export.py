"""`kehoach export`: one row per target, assignment or citation across many plans."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli.options import Jobs, Quiet, fail, reading_options, say_skipped
from kehoach.errors import EXIT_INTERNAL, EXIT_SOME_FAILED, KehoachError
from kehoach.limits import DEFAULT, Limits, OcrMode


class ExportKind(StrEnum):
    targets = "targets"
    assignments = "assignments"
    citations = "citations"


@reading_options
def export(
    kind: Annotated[ExportKind, typer.Argument(metavar="KIND", hidden=True)],
    files: Annotated[list[str], typer.Argument(metavar="FILES...", hidden=True)],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="FILE.csv, FILE.tsv or FILE.xlsx.")],
    jobs: Jobs = None,
    limits: Limits = DEFAULT,
    ocr: OcrMode = OcrMode.auto,
    quiet: Quiet = False,
) -> None:
    """One row per target, assignment or cited document across many plans, for spreadsheets.

    KIND: targets, assignments or citations. FILES: plans: files, folders, glob patterns.

    Cells that a spreadsheet would run as a formula are written as text."""
    from kehoach.batch import collect
    from kehoach.cli.inputs import parse_inputs
    from kehoach.output.files import check_target
    from kehoach.output.tables import Kind, rows, write

    chosen = Kind(kind.value)
    skipped: list[str] = []
    try:
        items = collect(files, skipped=skipped)
    except KehoachError as exc:
        raise fail(str(exc)) from None
    say_skipped(skipped, quiet)
    if not items:
        raise fail("no plan among the inputs")
    inputs = [Path(i.path) for i in items if i.path != "-"]
    try:
        check_target(output, inputs)
    except KehoachError as exc:
        raise fail(str(exc), exc.exit_code) from None
    table, failed, internal = [], 0, False
    for result in parse_inputs(items, jobs=jobs, limits=limits, ocr=ocr.value):
        if result.plan is not None:
            table += rows(result.plan, chosen)
        else:
            failed += 1
            internal = internal or result.internal
            if not quiet:
                typer.echo(f"kehoach: {result.path}: {result.error}", err=True)
    try:
        write(output, chosen, table, inputs)
    except KehoachError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if not quiet:
        failures = f", {failed} file(s) failed" if failed else ""
        typer.echo(f"kehoach: {len(table)} row(s) from {len(items) - failed} plan(s) written to {output}{failures}",
                   err=True)
    if failed:
        raise typer.Exit(EXIT_INTERNAL if internal else EXIT_SOME_FAILED)
