"""The command line: parses arguments, calls the stages, renders, sets the exit status.

Exit statuses (docs/errors.md): 0 every input parsed; 1 one or more inputs could not be parsed (the
others were done); 2 a usage error; 3 an output that cannot be written; 4 an internal error; 130
interrupted.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach import __version__
from kehoach.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, KehoachError
from kehoach.formats import Format
from kehoach.limits import DEFAULT as LIMITS
from kehoach.limits import MB, Limits


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
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
    typer.echo(f"kehoach: {message}", err=True)
    return typer.Exit(code)


# Hard limits on one input, shared by the commands that read plans (see kehoach.limits)
Timeout = Annotated[float, typer.Option(
    "--timeout", min=0, help="Give up on a file after this many seconds (0: no limit).")]
MaxSize = Annotated[float, typer.Option("--max-size", min=0, help="Refuse input files larger than this many MB.")]
MaxPages = Annotated[int, typer.Option("--max-pages", min=0, help="Refuse PDFs with more pages than this.")]
MaxOcrPages = Annotated[int, typer.Option("--max-ocr-pages", min=0,
                                          help="Refuse PDFs with more pages to read by OCR than this.")]
MaxUnzipped = Annotated[float, typer.Option("--max-unzipped", min=0, help="Refuse .docx files with a part that "
                                                                           "unzips to more than this many MB.")]


def _limits(timeout: float, max_size: float, max_pages: int, max_ocr_pages: int, max_unzipped: float) -> Limits:
    return Limits(max_bytes=int(max_size * MB), max_pages=max_pages, max_ocr_pages=max_ocr_pages,
                  max_unzipped=int(max_unzipped * MB), timeout=timeout or None)


@app.command()
def parse(
    files: Annotated[list[str] | None, typer.Argument(
        help="Plans to parse: files, folders (searched recursively), glob patterns; '-' for one plan on "
             "standard input.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="Write one .json or .yaml per input here, "
                                                                   "mirroring the input tree.")] = None,
    files_from: Annotated[str | None, typer.Option("--files-from", help="Read input paths from this file, one "
                                                                        "per line ('-': standard input).")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Parallel workers (default: the number "
                                                                          "of cores).")] = None,
    timeout: Timeout = LIMITS.timeout,
    max_size: MaxSize = LIMITS.max_bytes / MB,
    max_pages: MaxPages = LIMITS.max_pages,
    max_ocr_pages: MaxOcrPages = LIMITS.max_ocr_pages,
    max_unzipped: MaxUnzipped = LIMITS.max_unzipped / MB,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="With --out-dir: skip inputs whose output "
                                                                         "is newer than the input.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    ocr: Annotated[OcrMode, typer.Option("--ocr", help="PDF pages read by OCR: auto (pages without text), "
                                                      "always, never.")] = OcrMode.auto,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on standard error.")] = False,
) -> None:
    """Parse plans and print them as JSON (default), YAML or JSON lines, or write them to --out-dir."""
    from kehoach.batch import collect

    try:
        items = collect(files or [], files_from)
    except KehoachError as exc:
        raise _fail(str(exc)) from None
    if not items:
        raise _fail("no input: give files, folders, patterns, --files-from LIST, or '-' for standard input")
    if output is not None and out_dir is not None:
        raise _fail("use either --output or --out-dir, not both")
    if out_dir is not None and fmt == Format.jsonl:
        raise _fail("--out-dir writes one .json or .yaml file per input: use --format json or yaml")
    if skip_existing and out_dir is None:
        raise _fail("--skip-existing goes with --out-dir")
    if any(item.path == "-" for item in items) and len(items) > 1:
        raise _fail("'-' reads one plan from standard input: give it alone")
    from kehoach.batch_cli import run_batch

    limits = _limits(timeout, max_size, max_pages, max_ocr_pages, max_unzipped)
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
    parent: Annotated[str, typer.Argument(help="The plan carried out (the province's, the ministry's).")],
    child: Annotated[str, typer.Argument(help="The plan that carries it out (the district's).")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Report format.")] = DiffFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report (terminal, markdown, html).")] = Lang.vi,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Statuses that make the exit status 1, comma-separated "
                                                           "(weakened, missing, changed, partial, late, added, "
                                                           "strengthened), or 'none'.")] = "missing,weakened",
    ocr: Annotated[OcrMode, typer.Option("--ocr", help="PDF pages read by OCR.")] = OcrMode.auto,
    timeout: Timeout = LIMITS.timeout,
    max_size: MaxSize = LIMITS.max_bytes / MB,
    max_pages: MaxPages = LIMITS.max_pages,
    max_ocr_pages: MaxOcrPages = LIMITS.max_ocr_pages,
    max_unzipped: MaxUnzipped = LIMITS.max_unzipped / MB,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")] = False,
) -> None:
    """Compare a child plan with its parent: kept, weakened, missing and added targets and tasks.

    Exit status: 0 when the child keeps every parent target and task, 1 when any row has a status
    of --fail-on, 2 on a usage or input error."""
    from kehoach.batch import parse_one
    from kehoach.comparison import diff as compare_plans
    from kehoach.comparison import failures
    from kehoach.comparison.render import markdown, page, terminal
    from kehoach.emit import to_json
    from kehoach.output import write_atomic
    from kehoach.pipeline import parse as parse_plan

    limits = _limits(timeout, max_size, max_pages, max_ocr_pages, max_unzipped)
    statuses = {s.strip() for s in fail_on.split(",") if s.strip() and s.strip() != "none"}
    unknown = statuses - DIFF_STATUSES
    if unknown:
        raise _fail(f"--fail-on: unknown status {', '.join(sorted(unknown))}")
    plans = []
    for name in (parent, child):
        if name == "-" or debug:  # in this process, letting an unexpected error show its traceback
            try:
                plans.append(parse_plan(sys.stdin.buffer.read() if name == "-" else name,
                                        name="<stdin>" if name == "-" else None, ocr=ocr.value, limits=limits))
            except KehoachError as exc:
                raise _fail(f"{name}: {exc}") from None
            continue
        result = parse_one(name, ocr.value, limits=limits)
        if not result.ok:
            raise _fail(f"{name}: {result.error}")
        plans.append(result.plan)
    result = compare_plans(*plans)
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
            write_atomic(output, text, [Path(p) for p in (parent, child) if p != "-"])
        except KehoachError as exc:
            raise _fail(str(exc), exc.exit_code) from None
    if failures(result, statuses):
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def export(
    kind: Annotated[str, typer.Argument(help="What to export: targets, assignments or citations.")],
    files: Annotated[list[str], typer.Argument(help="Plans: files, folders, glob patterns.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.csv, FILE.tsv or FILE.xlsx.")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Parallel workers.")] = None,
    timeout: Timeout = LIMITS.timeout,
    max_size: MaxSize = LIMITS.max_bytes / MB,
    max_pages: MaxPages = LIMITS.max_pages,
    max_ocr_pages: MaxOcrPages = LIMITS.max_ocr_pages,
    max_unzipped: MaxUnzipped = LIMITS.max_unzipped / MB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on standard error.")] = False,
) -> None:
    """One row per target, assignment or cited document across many plans, for spreadsheets."""
    from kehoach.batch import collect, parse_many
    from kehoach.export import Kind, rows, write

    try:
        chosen = Kind(kind)
    except ValueError:
        raise _fail(f"export: unknown kind {kind!r}: targets, assignments or citations") from None
    try:
        items = collect(files)
    except KehoachError as exc:
        raise _fail(str(exc)) from None
    table, failed = [], 0
    limits = _limits(timeout, max_size, max_pages, max_ocr_pages, max_unzipped)
    for result in parse_many([i.path for i in items], jobs=jobs, limits=limits):
        if result.ok:
            table += rows(result.plan, chosen)
        else:
            failed += 1
            if not quiet:
                typer.echo(f"kehoach: {result.path}: {result.error}", err=True)
    try:
        write(output, chosen, table, [Path(i.path) for i in items])
    except KehoachError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    if not quiet:
        typer.echo(f"kehoach: {len(table)} row(s) from {len(items) - failed} plan(s) written to {output}", err=True)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def schema(
    of_diff: Annotated[bool, typer.Option("--diff", help="The schema of `kehoach diff -f json` instead.")] = False,
) -> None:
    """Print the JSON Schema of the parse output (or of the diff), generated from the models."""
    from kehoach.schema import diff_schema_text, plan_schema_text

    sys.stdout.write(diff_schema_text() if of_diff else plan_schema_text())


def main() -> None:
    # The command line needs no pydantic plugins; looking them up scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("kehoach: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:  # `kehoach parse ... | head`: the reader has gone, which is not an error to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as exc:  # a bug: one line, unless --debug asked for the traceback
        if "--debug" in sys.argv:
            raise
        typer.echo(f"kehoach: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
