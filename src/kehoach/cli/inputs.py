"""The batch side of `kehoach parse`: run the inputs, write or stream the outputs, report."""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kehoach import cache, isolation
from kehoach.batch import Input, Result, common_parent, output_path, parse_one, preload, time_limit
from kehoach.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, KehoachError
from kehoach.limits import Limits
from kehoach.output.files import deliver, write_atomic
from kehoach.output.formats import Format
from kehoach.output.render import render as emit

STDIN = "<stdin>"


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"kehoach: {message}", file=sys.stderr)


def _up_to_date(source: str, target: Path) -> bool:
    try:
        return target.stat().st_mtime >= Path(source).stat().st_mtime
    except OSError:
        return False


def parse_inputs(items: list[Input], *, jobs: int | None, limits: Limits, ocr: str, debug: bool = False,
                 render: str | None = None, stage: str | None = None) -> Iterator[Result]:
    """Each input parsed in a child process of its own (`kehoach.isolation`): bounded in memory,
    killed at its time limit, its temporary files removed. With --debug, in this process instead,
    so that an unexpected error shows its traceback. "-" is standard input (read here, once)."""
    stdin = sys.stdin.buffer.read() if any(item.path == "-" for item in items) else b""
    limits = _with_ocr_workers(limits, jobs, len(items))
    sources: list[str | bytes] = [stdin if item.path == "-" else item.path for item in items]
    labels = [STDIN if item.path == "-" else item.path for item in items]
    if debug or not isolation.available():
        from kehoach.pipeline import parse

        for source, label in zip(sources, labels, strict=True):
            if stage is not None:
                yield parse_one(source, ocr, render, limits, name=label, stage=stage)
                continue
            started = time.perf_counter()
            try:
                with time_limit(limits.timeout):
                    plan = parse(source, name=label, ocr=ocr, limits=limits)
                yield Result(label, plan=plan, diagnostic_count=len(plan.diagnostics),
                             seconds=time.perf_counter() - started, ocr_pages=plan.source.ocr_pages)
            except KehoachError as exc:
                yield Result(label, error=exc.problem)
        return
    if len(sources) > 1:  # compiled once for all the children; one child compiles what its file needs
        preload()
        cache.save()  # before the fork: children that inherit unsaved patterns would each write them
    workers = max(1, min(jobs or os.cpu_count() or 1, len(sources)))

    def work(source: str | bytes) -> Result:
        result = parse_one(source, ocr, render, limits, name=STDIN if isinstance(source, bytes) else None, stage=stage)
        cache.save()  # what this child compiled, kept for the next run (its parent never sees it)
        return result

    yield from isolation.run_isolated(sources, work, labels, jobs=workers, limits=limits)


def _with_ocr_workers(limits: Limits, jobs: int | None, files: int) -> Limits:
    """`--jobs` shared out: one file alone reads its scanned pages `jobs` at a time (the cores by
    default); files parsed side by side share the jobs between them."""
    if limits.ocr_workers is not None:
        return limits
    total = max(1, jobs or os.cpu_count() or 1)
    return dataclasses.replace(limits, ocr_workers=max(1, total // max(1, min(total, files))))


def run_batch(items: list[Input], *, fmt: Format, output: Path | None, out_dir: Path | None, jobs: int | None,
              limits: Limits, skip_existing: bool, fail_fast: bool, ocr: str, debug: bool, quiet: bool,
              stage: str | None = None) -> int:
    started = time.perf_counter()
    suffix = ".yaml" if fmt == Format.yaml else ".json"
    common = common_parent(items)
    skipped = 0
    if out_dir is not None and skip_existing:
        fresh = [i for i in items if not _up_to_date(i.path, output_path(i, out_dir, suffix, common))]
        skipped, items = len(items) - len(fresh), fresh
    many = len(items) > 1 or skipped > 0
    by_path = {item.path: item for item in items}
    inputs = [Path(item.path) for item in items if item.path != "-"]
    collected, parsed, failed, internal, diagnostics, scanned = [], 0, 0, 0, 0, 0
    rendered: list[str] = []
    progress = _progress(len(items), quiet)
    # each output file, each line of a stream, or the one plan asked for, is rendered by the worker
    # that parsed it: text crosses between processes faster than a plan
    render = fmt.value if (out_dir is not None or fmt == Format.jsonl or not many or stage) else None
    streamed = fmt == Format.jsonl or stage is not None  # one text per input, in order
    try:
        results = parse_inputs(items, jobs=jobs, limits=limits, ocr=ocr, debug=debug, render=render,
                               stage=stage) if items else []
        for result in results:
            if progress:
                progress.advance(progress.task_ids[0])
            if not result.ok:
                failed += 1
                internal += result.internal
                _say(f"{result.path}: {result.error}", quiet)
                if fail_fast:
                    break
                continue
            parsed += 1
            diagnostics += result.diagnostic_count
            scanned += result.ocr_pages
            if result.ocr_pages and not many:  # a scan takes seconds a page: say what the time went on
                _say(f"{result.path}: {result.ocr_pages} page(s) read by OCR, {result.seconds:.1f} s", quiet)
            if result.text is None and render is None and result.plan is not None:
                collected.append(result.plan)  # rendered together at the end
                continue
            # rendered by the worker; in this process when it parsed here (--debug)
            if result.text is not None:
                text = result.text
            else:
                assert result.plan is not None  # an input that parsed has its text or its plan
                text = emit([result.plan], fmt, many=False)
            if out_dir is not None:
                target = output_path(by_path[result.path], out_dir, suffix, common)
                try:
                    write_atomic(target, text, inputs)
                except KehoachError as exc:  # a full disk or a read-only folder fails every file that follows
                    _say(str(exc), quiet)
                    return exc.exit_code
            elif streamed and output is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                rendered.append(text)
    finally:
        if progress:
            progress.stop()
    if collected or rendered:
        text = "".join(rendered) if rendered else emit(collected, fmt, many=many)
        try:
            deliver(text, output, inputs)
        except KehoachError as exc:
            _say(str(exc), quiet)
            return exc.exit_code
    if many:
        ocr_part = f"{scanned} page(s) read by OCR, " if scanned else ""
        _say(f"{len(items) + skipped} file(s): {parsed} parsed, {failed} failed, {skipped} skipped, "
             f"{diagnostics} diagnostic(s), {ocr_part}{time.perf_counter() - started:.1f} s", quiet)
    if internal:
        _say("an internal error is a bug in kehoach: rerun that file with --debug for the traceback, and report it",
             quiet)
        return EXIT_INTERNAL
    return EXIT_INPUT if failed else EXIT_OK


def _progress(total: int, quiet: bool):
    """A progress bar on standard error, only on a terminal and only for several files."""
    if quiet or total < 2 or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    progress.add_task("parse", total=total)
    progress.start()
    return progress
