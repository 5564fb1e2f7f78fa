"""External programs (LibreOffice, tesseract), run so that nothing of them outlives the parse.

Each runs in a process group of its own (LibreOffice starts helpers of its own), killed whole when
the program overruns its time, when the file's time limit interrupts the wait, or on Ctrl-C. In a
parsing child of `kehoach.isolation` the group is also recorded, so that the parent ends it when it
kills the child at the file's time limit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def run_program(command: list[str], *, timeout: float, env: dict[str, str] | None = None,
                cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run `command` to its end and capture its output; raises subprocess.TimeoutExpired after
    `timeout` seconds, with the program and its helpers killed."""
    from kehoach.isolation import started_group

    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, cwd=cwd, start_new_session=True)
    started_group(process.pid)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:  # the program's own time, the file's time limit, Ctrl-C: nothing is left running
        _kill_group(process)
        raise
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # helpers the program left behind
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
