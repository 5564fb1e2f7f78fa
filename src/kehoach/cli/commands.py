"""The command line: parses arguments, calls the stages, renders, sets the exit status.

Exit statuses (docs/errors.md): 0 every input parsed; 1 one or more inputs could not be parsed (the
others were done); 2 a usage error; 3 an output that cannot be written; 4 an internal error; 130
interrupted.
"""

from __future__ import annotations

import os
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

# typer carries its own copy of click (typer._click); its usage errors are that copy's classes
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from kehoach import __version__
from kehoach.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_TERMINATED,
    EXIT_USAGE,
    KehoachError,
)
from kehoach.limits import DEFAULT as LIMITS
from kehoach.limits import MB, Limits, OcrMode
from kehoach.output.formats import Format

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help, as other command-line tools print it
    pretty_exceptions_enable=False,
    help="Turn Vietnamese administrative plans (Kế hoạch) into structured, validated data.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kehoach {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """kehoach: parse plans, compare a plan with its parent."""


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    print(f"kehoach: {message}", file=sys.stderr)
    return typer.Exit(code)


# Hard limits on one input, shared by the commands that read plans (see kehoach.limits); 0: no limit
Timeout = Annotated[float, typer.Option(
    "--timeout", min=0, metavar="SECONDS", help="Give up on a file after this many seconds (0: no limit).")]
MaxSize = Annotated[float, typer.Option("--max-size", min=0, metavar="MB",
                                        help="Refuse input files larger than this (0: no limit).")]
MaxPages = Annotated[int, typer.Option("--max-pages", min=0, metavar="N",
                                       help="Refuse PDFs with more pages than this (0: no limit).")]
MaxOcrPages = Annotated[int, typer.Option("--max-ocr-pages", min=0, metavar="N",
                                          help="Refuse PDFs with more pages to read by OCR than this (0: no limit).")]
MaxUnzipped = Annotated[float, typer.Option("--max-unzipped", min=0, metavar="MB", help=(
    "Refuse a .docx part or a PDF stream that unpacks to more than this (0: no limit)."))]
MaxOperators = Annotated[int, typer.Option("--max-operators", min=0, metavar="N", help=(
    "Leave out PDF pages drawn with more content-stream operators than this (0: no limit)."))]
MaxOcrPixels = Annotated[float, typer.Option("--max-ocr-pixels", min=0, metavar="MILLIONS", help=(
    "Render a page for OCR at no more pixels than this, lowering the resolution (0: no limit)."))]
MaxMemory = Annotated[float, typer.Option("--max-memory", min=0, metavar="MB", help=(
    "Memory (address space) one file may use while it is parsed (0: no limit)."))]
Ocr = Annotated[OcrMode, typer.Option("--ocr", help="PDF pages read by OCR: auto (pages without text), always, "
                                                    "never.")]
Debug = Annotated[bool, typer.Option("--debug", help="Parse in this process and show the traceback of an "
                                                     "unexpected error.")]


Output = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help=(
    "Write to this file (atomically); '-': standard output."))]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help=(
    "Files parsed at once, each in a process of its own (default: the number of cores)."))]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No messages on standard error.")]


def _output(output: Path | None) -> Path | None:
    """`-o -` is standard output, as everywhere else on the command line."""
    return None if output is not None and str(output) == "-" else output


def _say_skipped(skipped: list[str], quiet: bool) -> None:
    """Files found in a folder that kehoach does not read, named so that nothing is left out silently."""
    if skipped and not quiet:
        kinds = sorted({Path(name).suffix.lower() or "(no extension)" for name in skipped})
        typer.echo(f"kehoach: {len(skipped)} file(s) of other kinds left out ({', '.join(kinds)}), e.g. "
                   f"{skipped[0]}", err=True)


def _limits(timeout: float, max_size: float, max_pages: int, max_ocr_pages: int, max_unzipped: float,
            max_operators: int, max_ocr_pixels: float, max_memory: float) -> Limits:
    return Limits.from_options(max_size=max_size, max_pages=max_pages, max_ocr_pages=max_ocr_pages,
                               max_unzipped=max_unzipped, max_operators=max_operators,
                               max_ocr_pixels=max_ocr_pixels, max_memory=max_memory, timeout=timeout)


@app.command()
def parse(
    files: Annotated[list[str] | None, typer.Argument(metavar="FILES...", hidden=True)] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    output: Output = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", metavar="FOLDER", help=(
        "Write one NAME.EXT.json (or .yaml) per input here, mirroring the input tree."))] = None,
    files_from: Annotated[str | None, typer.Option("--files-from", metavar="LIST", help=(
        "Read input paths from this file, one per line ('-': standard input)."))] = None,
    jobs: Jobs = None,
    timeout: Timeout = LIMITS.timeout,
    max_size: MaxSize = LIMITS.max_bytes / MB,
    max_pages: MaxPages = LIMITS.max_pages,
    max_ocr_pages: MaxOcrPages = LIMITS.max_ocr_pages,
    max_unzipped: MaxUnzipped = LIMITS.max_unzipped / MB,
    max_operators: MaxOperators = LIMITS.max_operators,
    max_ocr_pixels: MaxOcrPixels = LIMITS.max_ocr_pixels / 1_000_000,
    max_memory: MaxMemory = (LIMITS.max_memory or 0) / MB,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="With --out-dir: skip inputs whose output "
                                                                         "is newer than the input.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    ocr: Ocr = OcrMode.auto,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Parse plans and print them as JSON (default), YAML or JSON lines, or write them to --out-dir.

    FILES: plans to parse: files, folders (searched recursively), glob patterns; '-' for one plan on
    standard input."""
    from kehoach.batch import collect

    skipped: list[str] = []
    try:
        items = collect(files or [], files_from, skipped=skipped)
    except KehoachError as exc:
        raise _fail(str(exc)) from None
    _say_skipped(skipped, quiet)
    if not items:
        if skipped:
            raise _fail("no plan among the inputs: every file found is of a kind kehoach does not read")
        raise _fail("no input: give files, folders, patterns, --files-from LIST, or '-' for standard input")
    output = _output(output)
    if output is not None and out_dir is not None:
        raise _fail("use either --output or --out-dir, not both")
    if out_dir is not None and fmt == Format.jsonl:
        raise _fail("--out-dir writes one .json or .yaml file per input: use --format json or yaml")
    if skip_existing and out_dir is None:
        raise _fail("--skip-existing goes with --out-dir")
    if any(item.path == "-" for item in items) and len(items) > 1:
        raise _fail("'-' reads one plan from standard input: give it alone")
    from kehoach.cli.inputs import run_batch

    limits = _limits(timeout, max_size, max_pages, max_ocr_pages, max_unzipped, max_operators, max_ocr_pixels,
                     max_memory)
    code = run_batch(items, fmt=fmt, output=output, out_dir=out_dir, jobs=jobs, limits=limits,
                     skip_existing=skip_existing, fail_fast=fail_fast, ocr=ocr.value, debug=debug, quiet=quiet)
    if code:
        raise typer.Exit(code)


class DiffFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


DIFF_STATUSES = {"weakened", "strengthened", "changed", "missing", "added", "partial", "late"}


@app.command()
def diff(
    parent: Annotated[str, typer.Argument(metavar="PARENT", hidden=True)],
    child: Annotated[str, typer.Argument(metavar="CHILD", hidden=True)],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Report format.")] = DiffFormat.terminal,
    output: Output = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report (terminal, markdown, html).")] = Lang.vi,
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="STATUSES", help=(
        "Statuses that make the exit status 1, comma-separated (weakened, missing, changed, partial, late, added, "
        "strengthened), or 'none'."))] = "missing,weakened",
    ocr: Ocr = OcrMode.auto,
    timeout: Timeout = LIMITS.timeout,
    max_size: MaxSize = LIMITS.max_bytes / MB,
    max_pages: MaxPages = LIMITS.max_pages,
    max_ocr_pages: MaxOcrPages = LIMITS.max_ocr_pages,
    max_unzipped: MaxUnzipped = LIMITS.max_unzipped / MB,
    max_operators: MaxOperators = LIMITS.max_operators,
    max_ocr_pixels: MaxOcrPixels = LIMITS.max_ocr_pixels / 1_000_000,
    max_memory: MaxMemory = (LIMITS.max_memory or 0) / MB,
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
    from kehoach.output.files import check_target, write_atomic
    from kehoach.output.render import to_json
    from kehoach.plandiff import diff as compare_plans
    from kehoach.plandiff import failing_statuses, not_comparable
    from kehoach.plandiff.page import page
    from kehoach.plandiff.render import markdown, terminal

    limits = _limits(timeout, max_size, max_pages, max_ocr_pages, max_unzipped, max_operators, max_ocr_pixels,
                     max_memory)
    statuses = {s.strip() for s in fail_on.split(",") if s.strip() and s.strip() != "none"}
    unknown = statuses - DIFF_STATUSES
    if unknown:
        raise _fail(f"--fail-on: unknown status {', '.join(sorted(unknown))}")
    if parent == child == "-":
        raise _fail("'-' reads standard input, which holds one plan: give a file for the other")
    output = _output(output)
    inputs = [Path(p) for p in (parent, child) if p != "-"]
    if output is not None:
        try:
            check_target(output, inputs)
        except KehoachError as exc:
            raise _fail(str(exc), exc.exit_code) from None
    results = list(parse_inputs([Input(parent, None), Input(child, None)], jobs=2, limits=limits, ocr=ocr.value,
                                debug=debug))
    for result in results:
        if not result.ok:
            raise _fail(f"{result.path}: {result.error}", EXIT_INTERNAL if result.internal else EXIT_USAGE)
    parent_plan, child_plan = (result.plan for result in results)
    problem = not_comparable(parent_plan)
    if problem:
        raise _fail(f"{results[0].path}: {problem}")
    result = compare_plans(parent_plan, child_plan)
    if fmt == DiffFormat.json:
        text = to_json(result) + "\n"
    elif fmt == DiffFormat.markdown:
        text = markdown(result, lang.value)
    elif fmt == DiffFormat.html:
        text = page(result, lang.value)
    else:
        text = terminal(result, lang.value, colour=output is None and sys.stdout.isatty())
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, text, inputs)
        except KehoachError as exc:
            raise _fail(str(exc), exc.exit_code) from None
    found = failing_statuses(result, statuses)
    if found:
        counts = ", ".join(f"{count} {status}" for status, count in found.items())
        raise _fail(f"the child plan has rows with a --fail-on status: {counts}", EXIT_SOME_FAILED)


class ExportKind(StrEnum):
    targets = "targets"
    assignments = "assignments"
    citations = "citations"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(metavar="KIND", hidden=True)],
    files: Annotated[list[str], typer.Argument(metavar="FILES...", hidden=True)],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="FILE.csv, FILE.tsv or FILE.xlsx.")],
    jobs: Jobs = None,
    ocr: Ocr = OcrMode.auto,
    timeout: Timeout = LIMITS.timeout,
    max_size: MaxSize = LIMITS.max_bytes / MB,
    max_pages: MaxPages = LIMITS.max_pages,
    max_ocr_pages: MaxOcrPages = LIMITS.max_ocr_pages,
    max_unzipped: MaxUnzipped = LIMITS.max_unzipped / MB,
    max_operators: MaxOperators = LIMITS.max_operators,
    max_ocr_pixels: MaxOcrPixels = LIMITS.max_ocr_pixels / 1_000_000,
    max_memory: MaxMemory = (LIMITS.max_memory or 0) / MB,
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
        raise _fail(str(exc)) from None
    _say_skipped(skipped, quiet)
    if not items:
        raise _fail("no plan among the inputs")
    inputs = [Path(i.path) for i in items if i.path != "-"]
    try:
        check_target(output, inputs)
    except KehoachError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    table, failed, internal = [], 0, False
    limits = _limits(timeout, max_size, max_pages, max_ocr_pages, max_unzipped, max_operators, max_ocr_pixels,
                     max_memory)
    for result in parse_inputs(items, jobs=jobs, limits=limits, ocr=ocr.value):
        if result.ok:
            table += rows(result.plan, chosen)
        else:
            failed += 1
            internal = internal or result.internal
            if not quiet:
                typer.echo(f"kehoach: {result.path}: {result.error}", err=True)
    try:
        write(output, chosen, table, inputs)
    except KehoachError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    if not quiet:
        failures = f", {failed} file(s) failed" if failed else ""
        typer.echo(f"kehoach: {len(table)} row(s) from {len(items) - failed} plan(s) written to {output}{failures}",
                   err=True)
    if failed:
        raise typer.Exit(EXIT_INTERNAL if internal else EXIT_SOME_FAILED)


@app.command()
def schema(
    of_diff: Annotated[bool, typer.Option("--diff", help="The schema of `kehoach diff -f json` instead.")] = False,
) -> None:
    """Print the JSON Schema of the parse output (or of the diff), generated from the models."""
    from kehoach.output.schema import diff_schema_text, plan_schema_text

    sys.stdout.write(diff_schema_text() if of_diff else plan_schema_text())


class Terminated(BaseException):
    """SIGTERM (a supervisor, `kill`): unwinds like Ctrl-C, so that workers are ended and temporary
    folders removed on the way out."""


def _on_terminate(signum, frame):
    raise Terminated


def _usage_line(error: UsageError) -> str:
    """Click's usage error as one line: which command, what is wrong, where help is."""
    message = error.format_message().replace("Value error, ", "")
    command = error.ctx.command_path if error.ctx else "kehoach"
    return f"{command.removeprefix('kehoach').strip() or 'kehoach'}: {message} (see '{command} --help')"


def main() -> None:
    # The command line needs no pydantic plugins; looking them up scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    signal.signal(signal.SIGTERM, _on_terminate)
    try:
        code = typer.main.get_command(app).main(prog_name="kehoach", standalone_mode=False)
        if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a silent exit status of 130
            raise KeyboardInterrupt
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except NoArgsIsHelpError as exc:  # `kehoach` or `kehoach diff` alone: the help, as asked
        print(exc.ctx.get_help() if exc.ctx else exc.format_message(), file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except UsageError as exc:
        print(f"kehoach: {_usage_line(exc)}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except (KeyboardInterrupt, typer.Abort):
        print("kehoach: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        print("kehoach: terminated", file=sys.stderr)
        sys.exit(EXIT_TERMINATED)
    except BrokenPipeError:  # `kehoach parse ... | head`: the reader has gone, which is not an error to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as exc:  # a bug: one line, unless --debug asked for the traceback
        if "--debug" in sys.argv:
            raise
        print(f"kehoach: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
