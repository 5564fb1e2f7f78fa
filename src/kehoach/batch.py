"""Batches: many inputs parsed in a process pool, results in input order, failures reported.

`parse_many` is the Python API (an iterator of `Result`); the CLI's batch options are built on it.
Each file runs under a time limit in its worker; a file that fails or runs over is a `Result` with
an `error`, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import InputError, KehoachError
from kehoach.limits import DEFAULT, Limits

if TYPE_CHECKING:
    from kehoach.models import Plan

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".doc", ".pdf", ".html", ".htm")


@dataclass
class Result:
    """One input's outcome: the plan, or the one-line reason it could not be parsed."""

    path: str
    plan: Plan | None = None
    error: str | None = None
    seconds: float = 0.0
    text: str | None = None  # the rendered output, when the worker was asked to render it
    diagnostics: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


class TimeLimitExceeded(Exception):
    """Raised inside a `time_limit` block that runs past its time."""


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


def parse_one(path: str, ocr: str = "auto", render: str | None = None, limits: Limits = DEFAULT) -> Result:
    """Parse one file under its time limit (`limits.timeout` seconds; None: none); never raises for a
    bad input. Picklable, for pools. With `render` ("json", "yaml", "jsonl") the result carries the
    output text instead of the plan: the worker does the rendering and only text crosses between
    processes."""
    from kehoach.pipeline import parse

    started = time.perf_counter()
    timeout = limits.timeout
    try:
        with time_limit(timeout):
            plan = parse(path, ocr=ocr, limits=limits)
            if render is not None:
                from kehoach.emit import render as emit
                from kehoach.formats import Format

                return Result(path, text=emit([plan], Format(render), many=False),
                              diagnostics=len(plan.diagnostics), seconds=time.perf_counter() - started)
        return Result(path, plan=plan, diagnostics=len(plan.diagnostics), seconds=time.perf_counter() - started)
    except TimeLimitExceeded:
        return Result(path, error=f"took longer than the time limit of {timeout:g} s (raise it with --timeout)",
                      seconds=float(timeout))
    except MemoryError:
        return Result(path, error="ran out of memory", seconds=time.perf_counter() - started)
    except KehoachError as exc:
        return Result(path, error=str(exc), seconds=time.perf_counter() - started)
    except RecursionError:
        return Result(path, error="internal error: the document nests too deeply",
                      seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop a batch; the message names it
        return Result(path, error=f"internal error: {type(exc).__name__}: {exc}", seconds=time.perf_counter() - started)


def parse_many(paths: Iterable[str | os.PathLike], jobs: int | None = None, timeout: float | None = None,
               ocr: str = "auto", render: str | None = None, limits: Limits = DEFAULT) -> Iterator[Result]:
    """Parse many files, `jobs` at a time in separate processes (default: the number of cores), and
    yield their results in input order. With jobs=1 everything runs in this process. Each file gets
    `timeout` seconds, or `limits.timeout` when `timeout` is not given."""
    items = [os.fspath(p) for p in paths]
    if timeout is not None:
        limits = dataclasses.replace(limits, timeout=timeout)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(items) <= 1:
        for item in items:
            yield parse_one(item, ocr, render, limits)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported here: it costs start-up time

    _preload()  # forked workers start with the modules and grammars already loaded
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _in_order(lambda item: pool.submit(parse_one, item, ocr, render, limits), items, jobs)


def _in_order(submit, items: list[str], jobs: int) -> Iterator[Result]:
    """Results in input order, with every worker kept busy: new work is handed out whenever any file
    is done, not only the oldest one (a slow PDF at the head would otherwise leave the other workers
    idle). Finished results wait for the head in a bounded buffer, so memory stays bounded too."""
    from concurrent.futures import FIRST_COMPLETED, wait

    running_max = jobs * 2  # one in hand and one queued per worker
    buffered_max = jobs * 64
    pending: deque = deque()  # in input order, done or not
    queue = iter(items)
    exhausted = False

    def refill() -> None:
        nonlocal exhausted
        running = sum(not future.done() for future in pending)
        while not exhausted and running < running_max and len(pending) < buffered_max:
            item = next(queue, None)
            if item is None:
                exhausted = True
                return
            pending.append(submit(item))
            running += 1

    while pending or not exhausted:
        refill()
        if not pending:
            return
        head = pending[0]
        if head.done():
            pending.popleft()
            yield head.result()
            continue
        running = [future for future in pending if not future.done()]
        if len(running) < running_max and not exhausted and len(pending) < buffered_max:
            continue  # one finished since `refill` looked: hand out more before waiting
        wait(running, return_when=FIRST_COMPLETED)


def _preload() -> None:
    import kehoach.pipeline  # noqa: F401
    from kehoach import grammar

    for name in grammar.FILES:
        grammar.check(name)  # patterns compile on first use: compile them once, before the fork


@dataclass(frozen=True)
class Input:
    path: str  # "-" for standard input
    base: Path | None  # the folder it was found in, for mirroring the tree in --out-dir


def _is_glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def collect(arguments: Iterable[str], files_from: str | None = None) -> list[Input]:
    """Inputs from files, folders (recursive, by format), glob patterns and a list of paths
    (`files_from`, "-" for standard input). Order is kept; duplicates are dropped."""
    names = list(arguments)
    if files_from is not None:
        lines = sys.stdin.read() if files_from == "-" else _read_list(files_from)
        names += [line.strip() for line in lines.splitlines() if line.strip() and not line.startswith("#")]
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
                if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
                    add(str(path), folder)
        elif not os.path.exists(name) and _is_glob(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise InputError(f"{name}: no file matches the pattern")
            for match in matches:
                if os.path.isfile(match):
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
