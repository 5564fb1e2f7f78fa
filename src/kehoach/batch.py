"""Batches: many inputs parsed in a process pool, results in input order, failures reported.

`parse_many` is the Python API (an iterator of `Result`); the CLI's batch options are built on it.
Each file runs under a time limit in its worker; a file that fails or runs over is a `Result` with
an `error`, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import InputError, KehoachError
from kehoach.limits import DEFAULT, Limits

if TYPE_CHECKING:
    from kehoach.models import Plan

# what a folder walk picks up; any file named on the command line is read by its bytes, whatever its name
SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".doc", ".pdf", ".html", ".htm", ".rtf", ".odt", ".mht", ".mhtml")


@dataclass
class Result:
    """One input's outcome: the plan, or the one-line reason it could not be parsed."""

    path: str
    plan: Plan | None = None
    error: str | None = None
    seconds: float = 0.0
    text: str | None = None  # the rendered output, when the worker was asked to render it
    diagnostic_count: int = 0  # how many diagnostics the plan has (the plan itself may not cross back)
    internal: bool = False  # the error is a bug in kehoach, not a problem of the file (exit status 4)
    ocr_pages: int = 0  # pages read by OCR (the plan itself may not cross back)

    @property
    def ok(self) -> bool:
        return self.error is None


# what a file that ran out of memory reports; `kehoach.isolation` names the limit it ran into
OUT_OF_MEMORY = "ran out of memory"


class TimeLimitExceeded(BaseException):
    """Raised inside a `time_limit` block that runs past its time. A BaseException, like
    KeyboardInterrupt: a reader's `except Exception` around a damaged page must not swallow it."""


def _on_alarm(signum, frame):
    raise TimeLimitExceeded


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise TimeLimitExceeded when the block runs past `seconds` (None or 0: no limit; none either
    where the platform has no interval timer). It also stops a regular expression stuck on
    pathological text: both `re` and `regex` check for signals while they match. Main thread only."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_one(source: str | bytes, ocr: str = "auto", render: str | None = None, limits: Limits = DEFAULT,
              name: str | None = None, stage: str | None = None) -> Result:
    """Parse one file (a path, or the bytes of one with its `name`) under its time limit
    (`limits.timeout` seconds; None: none); never raises for a bad input. With `render` ("json",
    "yaml", "jsonl") the result carries the output text instead of the plan: the worker does the
    rendering and only text crosses between processes. With `stage` (one of
    `pipeline.STAGE_NAMES`) the pipeline stops there and the text is that stage's JSON lines."""
    from kehoach.pipeline import parse

    label = name or (source if isinstance(source, str) else "<bytes>")
    started = time.perf_counter()
    timeout = limits.timeout

    def failed(error: str, internal: bool = False) -> Result:
        return Result(label, error=error, seconds=time.perf_counter() - started, internal=internal)

    try:
        with time_limit(timeout):
            if stage is not None:
                return Result(label, text=_stage_lines(source, name, ocr, limits, stage),
                              seconds=time.perf_counter() - started)
            plan = parse(source, name=name, ocr=ocr, limits=limits)
            if render is not None:
                from kehoach.output.formats import Format
                from kehoach.output.render import render as emit

                return Result(label, text=emit([plan], Format(render), many=False),
                              diagnostic_count=len(plan.diagnostics), seconds=time.perf_counter() - started,
                              ocr_pages=plan.source.ocr_pages)
        return Result(label, plan=plan, diagnostic_count=len(plan.diagnostics), seconds=time.perf_counter() - started,
                      ocr_pages=plan.source.ocr_pages)
    except TimeLimitExceeded:
        return failed(f"took longer than the time limit of {timeout:g} s (raise it with --timeout)")
    except MemoryError:
        return failed(OUT_OF_MEMORY)
    except KehoachError as exc:
        return failed(exc.problem)
    except RecursionError:
        return failed("internal error: the document nests too deeply", internal=True)
    except Exception as exc:  # a bug must not stop a batch; the message names it
        return failed(f"internal error: {type(exc).__name__}: {exc}", internal=True)


def _stage_lines(source: str | bytes, name: str | None, ocr: str, limits: Limits, stage: str) -> str:
    import json

    from kehoach.output.stages import stage_records
    from kehoach.pipeline import read, run_until

    stages = run_until(read(source, name=name, ocr=ocr, limits=limits), stage)
    path = stages.source.path
    return "".join(json.dumps({"file": path, **record}, ensure_ascii=False) + "\n"
                   for record in stage_records(stages, stage))


def parse_many(paths: Iterable[str | os.PathLike], jobs: int | None = None, timeout: float | None = None,
               ocr: str = "auto", render: str | None = None, limits: Limits = DEFAULT,
               isolate: bool | None = None) -> Iterator[Result]:
    """Parse many files, `jobs` at a time (default: the number of cores), and yield their results
    in input order. Each file gets `timeout` seconds (default `limits.timeout`).

    With `isolate` (the default when jobs > 1) each file is parsed in a child process of its own,
    under `limits.max_memory` and killed at its time limit (`kehoach.isolation`); otherwise in this
    process, one after another, under an alarm signal (main thread only) and with no memory cap."""
    items = [os.fspath(p) for p in paths]
    if timeout is not None:
        limits = dataclasses.replace(limits, timeout=timeout)
    jobs = max(1, jobs or os.cpu_count() or 1)
    from kehoach import isolation

    if isolate is None:
        isolate = jobs > 1
    if not isolate or not isolation.available():
        for item in items:
            yield parse_one(item, ocr, render, limits)
        return
    preload()  # forked children start with the modules and grammars already loaded
    yield from isolation.run_isolated(items, lambda item: parse_one(item, ocr, render, limits), items, jobs=jobs,
                                      limits=limits)


def preload() -> None:
    """Import the stages and the readers' libraries and compile the grammars, once, before children
    are forked: each child then starts with them in memory it shares with the parent, instead of
    importing pdfium or compiling patterns again for every file."""
    import importlib

    import kehoach.pipeline  # noqa: F401
    from kehoach import grammar

    for module in ("kehoach.readers.docx", "kehoach.readers.html", "kehoach.readers.pdf", "kehoach.readers.pdf_bounds",
                   "kehoach.readers.pdf_text", "kehoach.readers.text", "kehoach.readers.ocr", "kehoach.output.render",
                   "pypdfium2", "pdfminer.pdfdocument", "pdfminer.pdfpage", "pdfminer.pdfparser", "yaml"):
        importlib.import_module(module)
    for name in grammar.FILES:
        grammar.check(name)  # patterns compile on first use: compile them once, before the fork
    # one small plan parsed, so that what every stage builds on its first call (combined patterns,
    # tables, compiled grammar patterns) is built here once, not again in every child
    from importlib import resources

    from kehoach.pipeline import parse

    parse(resources.files("kehoach.grammars").joinpath("warmup.txt").read_bytes(), name="warmup.txt")


@dataclass(frozen=True)
class Input:
    path: str  # "-" for standard input
    base: Path | None  # the folder it was found in, for mirroring the tree in --out-dir


def _is_glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def _glob(pattern: str) -> list[str]:
    """The files a glob pattern names, `**` included, without following links to folders: a link
    back up the tree would make the search endless (the standard library's glob follows them)."""
    parts = Path(pattern).parts
    fixed = next((index for index, part in enumerate(parts) if _is_glob(part)), len(parts))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    rest = Path(*parts[fixed:]) if fixed < len(parts) else None
    if rest is None:
        return [pattern] if root.is_file() else []
    return sorted(str(path) for path in root.glob(str(rest)) if path.is_file())


def collect(arguments: Iterable[str], files_from: str | None = None,
            skipped: list[str] | None = None) -> list[Input]:
    """Inputs from files, folders (recursive, by format, links to folders not followed), glob
    patterns and a list of paths (`files_from`, "-" for standard input). Order is kept; duplicates
    are dropped. Files found in folders that kehoach does not read are added to `skipped`."""
    names = list(arguments)
    if files_from is not None:
        lines = sys.stdin.read() if files_from == "-" else _read_list(files_from)
        names += [line.rstrip("\r") for line in lines.split("\n") if line.strip() and not line.startswith("#")]
    found: list[Input] = []
    seen: set[str] = set()

    def add(path: str, base: Path | None) -> None:
        key = path if path == "-" else os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            found.append(Input(path, base))

    for name in names:
        if name == "-":
            add(name, None)
        elif os.path.isdir(name):
            folder = Path(name)
            for path in sorted(folder.rglob("*")):
                if path.name.startswith(".") or not path.is_file():
                    continue
                if path.suffix.lower() in SUFFIXES:
                    add(str(path), folder)
                elif skipped is not None:
                    skipped.append(str(path))
        elif not os.path.lexists(name) and _is_glob(name):
            matches = _glob(name)
            if not matches:
                raise InputError(f"{name}: no file matches the pattern")
            for match in matches:
                add(match, None)
        else:
            add(name, None)
    return found


def _read_list(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the list of files: {exc.strerror or exc}") from exc


def output_path(item: Input, out_dir: Path, suffix: str, common: Path | None) -> Path:
    """Where an input's output goes: the input tree mirrored under `out_dir`."""
    source = Path(item.path)
    if item.base is not None:
        relative = source.relative_to(item.base)
    elif common is not None:
        relative = source.resolve().relative_to(common)
    else:
        relative = Path(source.name)
    return out_dir / relative.with_name(relative.name + suffix)


def common_parent(items: list[Input]) -> Path | None:
    loose = [Path(i.path).resolve().parent for i in items if i.base is None and i.path != "-"]
    if not loose:
        return None
    try:
        return Path(os.path.commonpath([str(p) for p in loose]))
    except ValueError:
        return None
