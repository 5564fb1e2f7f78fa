"""Writing outputs: atomically (a temporary file, then a rename), never over an input, and never
over anything that is not a regular file.

A rename replaces whatever the name pointed to: a device node (as root, `-o /dev/null` would
replace the system's), a named pipe another program reads, or a symbolic link (the link would
become a file, and its target would never get the output). So an existing output path must be a
regular file; anything else is refused before a byte is written. The new file gets the
permissions the user's umask gives (0644 by default), as any program's output does, not the
0600 of a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from kehoach.errors import OutputError

_KINDS = {stat.S_IFLNK: "a symbolic link", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (os.umask can only be
    read by setting it, which another thread could see)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output path that is an input or exists as anything but a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # a folder that cannot be made is reported when written
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    if mode is not None and not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise OutputError(f"{path}: is {kind}, not a regular file: refused as an output (give another path, or "
                          "'-' for standard output)")
    for source in inputs:
        try:
            if source.exists() and path.exists() and os.path.samefile(source, path):
                raise OutputError(f"{path}: the output would overwrite an input")
        except OSError:
            continue
        if source.resolve() == path.resolve():
            raise OutputError(f"{path}: the output would overwrite an input")


def deliver(text: str, output: Path | None, inputs: Iterable[Path] = ()) -> None:
    """`text` to standard output (`output` None), or written atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text, inputs)


def write_atomic(path: Path, text: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never a part.

    The temporary file's name is drawn before the file is made, so that a signal landing anywhere
    after (even inside the call that makes it, where `tempfile.mkstemp` would leave its file
    unnamed to the caller) unwinds through one handler that removes it."""
    check_target(path, inputs)
    folder = path.parent if str(path.parent) else Path(".")
    temporary = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from exc
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), 0o666 & ~_umask())
            os.fsync(stream.fileno())
        check_target(path)  # it may have become a link or a pipe while the file was written
        os.replace(temporary, path)
    except FileExistsError as exc:  # the name drawn is taken: not this write's file to remove
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from exc
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:  # OutputError, and Ctrl-C or SIGTERM arriving while the file is made or written
        temporary.unlink(missing_ok=True)
        raise
