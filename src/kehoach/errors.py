"""Errors users see: one clear line naming the file and the problem, with a documented exit status."""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class KehoachError(Exception):
    """A problem with the user's input or request; `str()` is the one line shown on stderr."""

    exit_code = EXIT_USAGE


class InputError(KehoachError):
    """A file that cannot be read as a plan (unknown format, broken file, unreadable text)."""


class OutputError(KehoachError):
    """An output that cannot be written (unwritable folder, full disk, path equal to an input)."""
