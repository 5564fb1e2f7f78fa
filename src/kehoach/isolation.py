"""Each input parsed in a child process of its own, bounded by the operating system.

Why a process per file, and not a pool of long-lived workers:
- memory: the child's address space is capped (RLIMIT_AS, `Limits.max_memory`), so a file that
  asks the PDF library, the XML parser or the OCR engine for gigabytes fails alone, with a
  message naming the limit, whatever library asked;
- time: the child's whole process group (tesseract and LibreOffice included) is killed when the
  time limit has passed, so no reader can swallow the limit, and C code that never checks for
  signals is stopped too;
- temporary files: each child writes into a folder the parent made and removes, however the child
  ended;
- signals: children sit in process groups of their own, so Ctrl-C at a terminal reaches the parent
  alone, which ends them and says "interrupted" once; SIGTERM does the same.

Children are forked from a parent that has already imported the stages and compiled the grammars,
so a child starts in a few milliseconds and shares the parent's memory until it writes to it.
Linux and other POSIX systems only; elsewhere the caller parses in its own process.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import resource
import selectors
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kehoach.batch import OUT_OF_MEMORY, Result
from kehoach.limits import Limits, megabytes

T = TypeVar("T")

GRACE_SECONDS = 2.0  # after the time limit, before the kill: the child's own alarm reports first
_READ_SIZE = 1 << 20
_GROUPS_FILE = "process-groups"  # in the child's folder: groups of the programs it started

# set in a child: where `started_group` records the process groups of programs it runs
_child_folder: str | None = None


def available() -> bool:
    return hasattr(os, "fork") and hasattr(os, "killpg")


def started_group(pgid: int) -> None:
    """Record a program's process group (LibreOffice, tesseract), so that the parent can end it
    with the child: a program in a session of its own is out of reach of the child's group."""
    if _child_folder is None:
        return
    with contextlib.suppress(OSError), open(os.path.join(_child_folder, _GROUPS_FILE), "a") as stream:
        stream.write(f"{pgid}\n")


@dataclass
class _Child:
    index: int
    label: str
    pid: int
    fd: int
    folder: str
    started: float
    deadline: float | None
    chunks: list[bytes] = field(default_factory=list)


@functools.cache
def _prctl():
    """Linux's prctl, looked up once in the parent (a child that loaded ctypes itself would pay for
    it at every file), or None elsewhere."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a parent killed with SIGKILL has no
    chance to end its children)."""
    prctl = _prctl()
    if prctl is not None:
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _cap_memory(limit: int | None) -> None:
    if not limit:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _child(item: T, work: Callable[[T], Result], label: str, folder: str, limits: Limits, fd: int) -> None:
    """Runs in the forked child and never returns."""
    global _child_folder
    status = 0
    # Everything inherited from the parent is left out of this process's garbage collections: a
    # collection would otherwise walk the parent's whole heap, touching, and so copying, every
    # page the two processes share.
    gc.freeze()
    try:
        os.setpgid(0, 0)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
            signal.signal(number, signal.SIG_DFL)
        _die_with_parent()
        _child_folder = folder
        os.environ["TMPDIR"] = folder
        tempfile.tempdir = folder
        _cap_memory(limits.max_memory)
        try:
            result = work(item)
        except MemoryError:
            result = Result(label, error=OUT_OF_MEMORY)
        except BaseException as exc:
            result = Result(label, error=f"internal error: {type(exc).__name__}: {exc}", internal=True)
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(Result(label, error=OUT_OF_MEMORY))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        status = 70
    finally:
        os._exit(status)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _failure(child: _Child, status: int, limits: Limits) -> Result:
    """The result of a child that sent nothing back."""
    seconds = time.monotonic() - child.started
    if os.WIFSIGNALED(status):
        name = _signal_name(os.WTERMSIG(status))
        memory = (f" (it may have run out of memory: the limit is {megabytes(limits.max_memory)}, raise it with "
                  "--max-memory)") if limits.max_memory else ""
        return Result(child.label, error=f"the reader stopped on {name}{memory}", seconds=seconds)
    code = os.waitstatus_to_exitcode(status)
    return Result(child.label, error=f"internal error: the worker ended with status {code}", seconds=seconds,
                  internal=True)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _end(child: _Child) -> int:
    """Kill whatever the child left running, reap it, remove its folder; its wait status."""
    _kill_group(child.pid)
    groups = os.path.join(child.folder, _GROUPS_FILE)
    with contextlib.suppress(OSError), open(groups) as stream:
        for line in stream:
            if line.strip().isdecimal():
                _kill_group(int(line))
    try:
        _pid, status = os.waitpid(child.pid, 0)
    except ChildProcessError:
        status = 0
    with contextlib.suppress(OSError):
        os.close(child.fd)
    shutil.rmtree(child.folder, ignore_errors=True)
    return status


class _Runner:
    def __init__(self, work: Callable, limits: Limits, jobs: int):
        self.work, self.limits, self.jobs = work, limits, jobs
        self.selector = selectors.DefaultSelector()
        self.running: dict[int, _Child] = {}  # by pipe descriptor
        self.done: dict[int, Result] = {}

    def start(self, index: int, item, label: str) -> None:
        folder = tempfile.mkdtemp(prefix="kehoach-")
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_fd)
            _child(item, self.work, label, folder, self.limits, write_fd)
        os.close(write_fd)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.setpgid(pid, pid)  # also here: the kill may come before the child has run a line
        timeout = self.limits.timeout
        now = time.monotonic()
        child = _Child(index, label, pid, read_fd, folder, now, now + timeout + GRACE_SECONDS if timeout else None)
        self.running[read_fd] = child
        self.selector.register(read_fd, selectors.EVENT_READ, child)

    def finish(self, child: _Child, result: Result | None = None) -> None:
        self.selector.unregister(child.fd)
        del self.running[child.fd]
        status = _end(child)
        if result is None:
            data = b"".join(child.chunks)
            try:
                result = pickle.loads(data) if data else _failure(child, status, self.limits)
            except Exception:
                result = _failure(child, status, self.limits)
        if result.error == OUT_OF_MEMORY and self.limits.max_memory:
            result.error = (f"needed more memory than the limit of {megabytes(self.limits.max_memory)} "
                            "(raise it with --max-memory)")
        self.done[child.index] = result

    def wait(self) -> None:
        deadlines = [c.deadline for c in self.running.values() if c.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        for key, _events in self.selector.select(timeout):
            child = key.data
            chunk = os.read(child.fd, _READ_SIZE)
            if chunk:
                child.chunks.append(chunk)
            else:
                self.finish(child)
        now = time.monotonic()
        for child in [c for c in self.running.values() if c.deadline is not None and c.deadline <= now]:
            limit = self.limits.timeout or 0
            self.finish(child, Result(child.label, error=f"took longer than the time limit of {limit:g} s (raise it "
                                                         "with --timeout)", seconds=limit))

    def close(self) -> None:
        for child in list(self.running.values()):
            self.selector.unregister(child.fd)
            _end(child)
        self.running.clear()
        self.selector.close()


def run_isolated(items: Sequence[T], work: Callable[[T], Result], labels: Sequence[str], *, jobs: int,
                 limits: Limits) -> Iterator[Result]:
    """`work(item)` for each item, each in a child process of its own, `jobs` at a time; the
    results in input order. Finished results wait for the head in a bounded buffer."""
    _prctl()
    runner = _Runner(work, limits, max(1, jobs))
    queue = deque(enumerate(items))
    buffered_max = runner.jobs * 64
    try:
        for wanted in range(len(items)):
            while wanted not in runner.done:
                # the head is always started, so that a full buffer never waits on a file not yet begun
                while queue and len(runner.running) < runner.jobs and (len(runner.done) < buffered_max
                                                                       or queue[0][0] == wanted):
                    index, item = queue.popleft()
                    runner.start(index, item, labels[index])
                runner.wait()
            yield runner.done.pop(wanted)
    finally:
        runner.close()
