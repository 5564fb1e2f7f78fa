"""Writing outputs: atomically (a temporary file, then a rename), never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kehoach.errors import OutputError


def write_atomic(path: Path, text: str | bytes, inputs: list[Path] = ()) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never a part."""
    for source in inputs:
        try:
            if source.exists() and path.exists() and os.path.samefile(source, path):
                raise OutputError(f"{path}: the output would overwrite an input")
        except OSError:
            continue
        if source.resolve() == path.resolve():
            raise OutputError(f"{path}: the output would overwrite an input")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from exc
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
