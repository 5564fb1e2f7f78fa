"""The input's bytes: a path read safely within the limits, or bytes given by the caller."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kehoach.errors import InputError
from kehoach.limits import Limits, megabytes


def _too_big(size: int, limits: Limits) -> InputError:
    stated = f"the file is {megabytes(size)}, more" if size > limits.max_bytes else "the file holds more"
    return InputError(f"{stated} than the limit of {megabytes(limits.max_bytes)} (raise it with --max-size)")


_NOT_A_FILE = {stat.S_IFIFO: "is a named pipe (FIFO), not a file: to read a stream, give '-' and redirect it",
               stat.S_IFSOCK: "is a socket, not a file", stat.S_IFCHR: "is a device, not a file",
               stat.S_IFBLK: "is a device, not a file", stat.S_IFDIR: "is a folder, not a file"}
_CHUNK = 1 << 20


def _read_path(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, never more than the limit in memory whatever the file claims.
    Pipes, sockets and devices are refused before anything is read: a FIFO would block until a
    writer came, and /dev/zero never ends."""
    try:
        kind = stat.S_IFMT(os.stat(path).st_mode)  # before opening: opening a FIFO waits for a writer
        if kind != stat.S_IFREG:
            raise InputError(_NOT_A_FILE.get(kind, "is not a regular file"))
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            if status.st_size > limits.max_bytes:
                raise _too_big(status.st_size, limits)
            chunks, total = [], 0
            while total <= limits.max_bytes:  # a file that grows while read is held to the limit too
                chunk = stream.read(min(_CHUNK, limits.max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > limits.max_bytes:
                raise _too_big(total, limits)
            return b"".join(chunks)
    except FileNotFoundError as exc:
        raise InputError("no such file") from exc
    except IsADirectoryError as exc:
        raise InputError("is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputError("permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from exc


def load_bytes(source: str | os.PathLike | bytes, limits: Limits) -> bytes:
    """The bytes of a plan given as a path (a str is always a path) or as bytes, within `limits`."""
    if isinstance(source, bytes | bytearray):
        if len(source) > limits.max_bytes:
            raise _too_big(len(source), limits)
        return bytes(source)
    if source == "":
        raise InputError("no such file (the path is empty)")
    return _read_path(Path(os.fspath(source)), limits)


def input_label(source: str | os.PathLike | bytes, name: str | None) -> str:
    """What the output's `source.path` and the messages call the input."""
    if name:
        return name
    if isinstance(source, bytes | bytearray):
        return "<bytes>"
    path = os.fspath(source)
    return str(Path(path)) if path else path
