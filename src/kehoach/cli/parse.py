"""`kehoach parse`: plans to JSON, YAML or JSON lines; `--stage` shows what one stage handed on."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli.options import Debug, Jobs, Output, Quiet, fail, reading_options, say_skipped, to_stdout
from kehoach.errors import KehoachError
from kehoach.limits import DEFAULT, Limits, OcrMode
from kehoach.output.formats import Format


class Stage(StrEnum):
    """The stages `--stage` can stop after: kehoach.pipeline.STAGE_NAMES, written out so that the
    command line starts without importing the pipeline (a test holds the two equal)."""

    read = "read"
    blocks = "blocks"
    layout = "layout"
    tokens = "tokens"
    zones = "zones"
    outline = "outline"


@reading_options
def parse(
    files: Annotated[list[str] | None, typer.Argument(metavar="FILES...", hidden=True)] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    output: Output = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", metavar="FOLDER", help=(
        "Write one NAME.EXT.json (or .yaml) per input here, mirroring the input tree."))] = None,
    files_from: Annotated[str | None, typer.Option("--files-from", metavar="LIST", help=(
        "Read input paths from this file, one per line ('-': standard input)."))] = None,
    jobs: Jobs = None,
    limits: Limits = DEFAULT,
    ocr: OcrMode = OcrMode.auto,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="With --out-dir: skip inputs whose output "
                                                                         "is newer than the input.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    stage: Annotated[Stage | None, typer.Option("--stage", help=(
        "Stop after this stage and print what it hands on, as JSON lines with source locations: read, blocks, "
        "layout, tokens, zones, outline (see README, 'When a field is wrong')."))] = None,
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
        raise fail(str(exc)) from None
    say_skipped(skipped, quiet)
    if not items:
        if skipped:
            raise fail("no plan among the inputs: every file found is of a kind kehoach does not read")
        raise fail("no input: give files, folders, patterns, --files-from LIST, or '-' for standard input")
    output = to_stdout(output)
    if output is not None and out_dir is not None:
        raise fail("use either --output or --out-dir, not both")
    if out_dir is not None and fmt == Format.jsonl:
        raise fail("--out-dir writes one .json or .yaml file per input: use --format json or yaml")
    if skip_existing and out_dir is None:
        raise fail("--skip-existing goes with --out-dir")
    if stage is not None and (out_dir is not None or fmt != Format.json):
        raise fail("--stage prints JSON lines: give it without --format and --out-dir")
    if any(item.path == "-" for item in items) and len(items) > 1:
        raise fail("'-' reads one plan from standard input: give it alone")
    from kehoach.cli.inputs import run_batch

    code = run_batch(items, fmt=fmt, output=output, out_dir=out_dir, jobs=jobs, limits=limits,
                     skip_existing=skip_existing, fail_fast=fail_fast, ocr=ocr.value, debug=debug, quiet=quiet,
                     stage=stage.value if stage else None)
    if code:
        raise typer.Exit(code)
