"""`kehoach diff`: a child plan against its parent."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli.options import Debug, Output, fail, reading_options, to_stdout
from kehoach.errors import EXIT_INTERNAL, EXIT_SOME_FAILED, EXIT_USAGE, KehoachError
from kehoach.limits import DEFAULT, Limits, OcrMode


class DiffFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


DIFF_STATUSES = {"weakened", "strengthened", "changed", "missing", "added", "partial", "late", "out_of_scope"}


@reading_options
def diff(
    parent: Annotated[str, typer.Argument(metavar="PARENT", hidden=True)],
    child: Annotated[str, typer.Argument(metavar="CHILD", hidden=True)],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Report format.")] = DiffFormat.terminal,
    output: Output = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report (terminal, markdown, html).")] = Lang.vi,
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="STATUSES", help=(
        "Statuses that make the exit status 1, comma-separated (weakened, missing, changed, partial, late, added, "
        "strengthened), or 'none'."))] = "missing,weakened",
    limits: Limits = DEFAULT,
    ocr: OcrMode = OcrMode.auto,
    debug: Debug = False,
) -> None:
    """Compare a child plan with its parent: kept, weakened, missing and added targets and tasks.

    PARENT: the plan carried out (the province's, the ministry's); CHILD: the plan that carries it
    out (the district's). Either may be '-' for standard input.

    Exit status: 0 when the child keeps every parent target and task, 1 when any row has a status
    of --fail-on (named on standard error), 2 on a usage or input error, 3 when the report cannot
    be written."""
    from kehoach.batch import Input
    from kehoach.cli.inputs import parse_inputs
    from kehoach.output.files import check_target, deliver
    from kehoach.output.render import to_json
    from kehoach.plandiff import diff as compare_plans
    from kehoach.plandiff import failing_statuses, not_comparable
    from kehoach.plandiff.page import page
    from kehoach.plandiff.render import markdown, terminal

    statuses = {s.strip() for s in fail_on.split(",") if s.strip() and s.strip() != "none"}
    unknown = statuses - DIFF_STATUSES
    if unknown:
        raise fail(f"--fail-on: unknown status {', '.join(sorted(unknown))}")
    if parent == child == "-":
        raise fail("'-' reads standard input, which holds one plan: give a file for the other")
    output = to_stdout(output)
    inputs = [Path(p) for p in (parent, child) if p != "-"]
    if output is not None:
        try:
            check_target(output, inputs)
        except KehoachError as exc:
            raise fail(str(exc), exc.exit_code) from None
    results = list(parse_inputs([Input(parent, None), Input(child, None)], jobs=2, limits=limits, ocr=ocr.value,
                                debug=debug))
    plans = []
    for result in results:
        if result.plan is None:
            raise fail(f"{result.path}: {result.error}", EXIT_INTERNAL if result.internal else EXIT_USAGE)
        plans.append(result.plan)
    parent_plan, child_plan = plans
    problem = not_comparable(parent_plan)
    if problem:
        raise fail(f"{results[0].path}: {problem}")
    comparison = compare_plans(parent_plan, child_plan)
    if fmt == DiffFormat.json:
        text = to_json(comparison) + "\n"
    elif fmt == DiffFormat.markdown:
        text = markdown(comparison, lang.value)
    elif fmt == DiffFormat.html:
        text = page(comparison, lang.value)
    else:
        text = terminal(comparison, lang.value, colour=output is None and sys.stdout.isatty())
    try:
        deliver(text, output, inputs)
    except KehoachError as exc:
        raise fail(str(exc), exc.exit_code) from None
    found = failing_statuses(comparison, statuses)
    if found:
        counts = ", ".join(f"{count} {status}" for status, count in found.items())
        raise fail(f"the child plan has rows with a --fail-on status: {counts}", EXIT_SOME_FAILED)
