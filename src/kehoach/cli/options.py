"""The options several commands share, declared once.

`reading_options` gives a command every option that bounds or steers reading a plan (the limits of
`kehoach.limits` and `--ocr`): the command declares `limits: Limits` and `ocr: OcrMode` and receives
them made; its help lists the options after its own.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kehoach.errors import EXIT_USAGE
from kehoach.limits import DEFAULT, MB, Limits, OcrMode

F = TypeVar("F", bound=Callable[..., Any])

Output = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help=(
    "Write to this file (atomically); '-': standard output."))]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help=(
    "Files parsed at once, each in a process of its own, and pages of one scan read by OCR at once "
    "(default: the number of cores)."))]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No messages on standard error.")]
Debug = Annotated[bool, typer.Option("--debug", help="Parse in this process and show the traceback of an "
                                                     "unexpected error.")]

# name, type, default, the option (0 means "no limit" for each); see kehoach.limits for the defaults' reasons
_READING: list[tuple[str, type, Any, Any]] = [
    ("timeout", float, DEFAULT.timeout, typer.Option(
        "--timeout", min=0, metavar="SECONDS", help="Give up on a file after this many seconds (0: no limit).")),
    ("max_size", float, DEFAULT.max_bytes / MB, typer.Option(
        "--max-size", min=0, metavar="MB", help="Refuse input files larger than this (0: no limit).")),
    ("max_pages", int, DEFAULT.max_pages, typer.Option(
        "--max-pages", min=0, metavar="N", help="Refuse PDFs with more pages than this (0: no limit).")),
    ("max_ocr_pages", int, DEFAULT.max_ocr_pages, typer.Option(
        "--max-ocr-pages", min=0, metavar="N", help="Refuse PDFs with more pages to read by OCR than this "
                                                    "(0: no limit).")),
    ("max_unzipped", float, DEFAULT.max_unzipped / MB, typer.Option(
        "--max-unzipped", min=0, metavar="MB", help="Refuse a .docx part or a PDF stream that unpacks to more "
                                                    "than this (0: no limit).")),
    ("max_operators", int, DEFAULT.max_operators, typer.Option(
        "--max-operators", min=0, metavar="N", help="Leave out PDF pages drawn with more content-stream "
                                                    "operators than this (0: no limit).")),
    ("max_ocr_pixels", float, DEFAULT.max_ocr_pixels / 1_000_000, typer.Option(
        "--max-ocr-pixels", min=0, metavar="MILLIONS", help="Render a page for OCR at no more pixels than this, "
                                                            "lowering the resolution (0: no limit).")),
    ("max_memory", float, (DEFAULT.max_memory or 0) / MB, typer.Option(
        "--max-memory", min=0, metavar="MB", help="Memory (address space) one file may use while it is parsed "
                                                  "(0: no limit).")),
    ("ocr", OcrMode, OcrMode.auto, typer.Option(
        "--ocr", help="PDF pages read by OCR: auto (pages without text), always, never.")),
]
_NAMES = [name for name, *_ in _READING]


def reading_options(command: F) -> F:
    """`command` with the reading options added to its signature (for typer), called with the
    `limits` and `ocr` they make."""
    own = [parameter for parameter in inspect.signature(command, eval_str=True).parameters.values()
           if parameter.name not in ("limits", "ocr")]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                               annotation=Annotated[kind, option])
             for name, kind, default, option in _READING]

    @functools.wraps(command)
    def with_options(**arguments: Any) -> Any:
        given = {name: arguments.pop(name) for name in _NAMES}
        ocr = given.pop("ocr")
        return command(**arguments, limits=Limits.from_options(**given), ocr=ocr)

    with_options.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY) for parameter in own] + added)
    with_options.__annotations__ = {}  # the signature holds them; typer reads the signature
    return with_options  # type: ignore[return-value]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """The one line a command prints before it stops with `code`."""
    print(f"kehoach: {message}", file=sys.stderr)
    return typer.Exit(code)


def to_stdout(output: Path | None) -> Path | None:
    """`-o -` is standard output, as everywhere else on the command line."""
    return None if output is not None and str(output) == "-" else output


def say_skipped(skipped: list[str], quiet: bool) -> None:
    """Files found in a folder that kehoach does not read, named so that nothing is left out silently."""
    if skipped and not quiet:
        kinds = sorted({Path(name).suffix.lower() or "(no extension)" for name in skipped})
        typer.echo(f"kehoach: {len(skipped)} file(s) of other kinds left out ({', '.join(kinds)}), e.g. "
                   f"{skipped[0]}", err=True)
