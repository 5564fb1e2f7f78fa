"""The batch side of `kehoach parse`: run the inputs, write or stream the outputs, report."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kehoach.batch import Input, Result, common_parent, output_path, parse_many, parse_one
from kehoach.emit import render as emit
from kehoach.errors import EXIT_INPUT, EXIT_OK, KehoachError
from kehoach.formats import Format
from kehoach.limits import Limits
from kehoach.output import write_atomic


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"kehoach: {message}", file=sys.stderr)


def _up_to_date(source: str, target: Path) -> bool:
    try:
        return target.stat().st_mtime >= Path(source).stat().st_mtime
    except OSError:
        return False


def _results(items: list[Input], jobs, limits: Limits, ocr: str, debug: bool, render: str | None):
    if items[0].path == "-":
        from kehoach.pipeline import parse

        started = time.perf_counter()
        try:
            plan = parse(sys.stdin.buffer.read(), name="<stdin>", ocr=ocr, limits=limits)
            yield Result("-", plan=plan, seconds=time.perf_counter() - started)
        except KehoachError as exc:
            yield Result("-", error=str(exc))
        return
    if debug:  # in this process, letting an unexpected error show its traceback
        from kehoach.pipeline import parse

        for item in items:
            try:
                yield Result(item.path, plan=parse(item.path, ocr=ocr, limits=limits))
            except KehoachError as exc:
                yield Result(item.path, error=str(exc))
        return
    if len(items) == 1:
        yield parse_one(items[0].path, ocr, render, limits)
        return
    yield from parse_many([item.path for item in items], jobs=jobs, ocr=ocr, render=render, limits=limits)


def run_batch(items: list[Input], *, fmt: Format, output: Path | None, out_dir: Path | None, jobs, limits: Limits,
              skip_existing: bool, fail_fast: bool, ocr: str, debug: bool, quiet: bool) -> int:
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
    collected, parsed, failed, diagnostics = [], 0, 0, 0
    progress = _progress(len(items), quiet)
    # each output file, or each line of a stream, is rendered by the worker that parsed it
    render = fmt.value if (out_dir is not None or fmt == Format.jsonl) else None
    try:
        for result in _results(items, jobs, limits, ocr, debug, render) if items else []:
            if progress:
                progress.advance(progress.task_ids[0])
            if not result.ok:
                failed += 1
                _say(f"{result.path}: {result.error}", quiet)
                if fail_fast:
                    break
                continue
            parsed += 1
            diagnostics += result.diagnostics
            text = result.text if result.text is not None else (
                emit([result.plan], fmt, many=False) if render is not None else None)
            if out_dir is not None:
                target = output_path(by_path[result.path], out_dir, suffix, common)
                try:
                    write_atomic(target, text, inputs)
                except KehoachError as exc:  # a full disk or a read-only folder fails every file that follows
                    _say(str(exc), quiet)
                    return exc.exit_code
            elif fmt == Format.jsonl:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                collected.append(result.plan)
    finally:
        if progress:
            progress.stop()
    if collected:
        text = emit(collected, fmt, many=many)
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                write_atomic(output, text, inputs)
            except KehoachError as exc:
                _say(str(exc), quiet)
                return exc.exit_code
    if many:
        _say(f"{len(items) + skipped} file(s): {parsed} parsed, {failed} failed, {skipped} skipped, "
             f"{diagnostics} diagnostic(s), {time.perf_counter() - started:.1f} s", quiet)
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
