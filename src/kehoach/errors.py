"""Errors users see: one clear line naming the file and the problem, with a documented exit status.

Exit statuses of `kehoach parse` and `kehoach export` (docs/errors.md lists them with examples):
0 every input parsed; 1 one or more inputs could not be parsed (the others were done); 2 a usage
error (bad option, no input); 3 an output could not be written (unwritable folder, full disk, the
path of an input); 4 an internal error (a bug: rerun with --debug for the traceback); 130
interrupted. `kehoach diff` keeps 1 for "a --fail-on status was found" and gives 2 for unreadable
inputs.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_SOME_FAILED = EXIT_INPUT  # the name the batch code reads best with
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # SIGTERM, as a shell reports a process it ended


class KehoachError(Exception):
    """A problem with the user's input or request: `problem` is the one line shown on stderr after
    the file's name; `path`, when known, is that file, and `str()` gives both."""

    exit_code = EXIT_USAGE

    def __init__(self, problem: str, path: str | None = None):
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class InputError(KehoachError):
    """A file that cannot be read as a plan (unknown format, broken file, unreadable text, a limit)."""

    exit_code = EXIT_INPUT


class OutputError(KehoachError):
    """An output that cannot be written (unwritable folder, full disk, path equal to an input)."""

    exit_code = EXIT_OUTPUT


class GrammarError(Exception):
    """A grammar file that cannot be used (a bug of the package or of an edited grammar): names the
    file and the key."""
