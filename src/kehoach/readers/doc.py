"""DOC (Word 97-2003), RTF and ODT: converted to DOCX by LibreOffice running headless, then read
as DOCX.

LibreOffice runs with a private profile in a temporary folder and a time limit, so that several
conversions can run at once and a stuck one cannot hang a batch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kehoach.blocks import Block
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.limits import DEFAULT, Limits
from kehoach.processes import run_program

TIMEOUT_SECONDS = 120
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(data: bytes, source_suffix: str, target: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """`data` converted by LibreOffice to the format `target` ("docx"), as bytes."""
    program = soffice()
    if program is None:
        raise InputError(f"reading this file needs LibreOffice, which is not installed: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as folder:
        work = Path(folder)
        source = work / f"input{source_suffix}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
                   "--nolockcheck", "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        try:
            run_program(command, timeout=timeout, env={**os.environ, "HOME": folder})
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"LibreOffice did not convert the file within {timeout:g} s") from exc
        produced = work / "out" / f"input.{target}"
        if not produced.exists():
            raise InputError("LibreOffice could not convert the file (damaged or not a Word document)")
        return produced.read_bytes()


_KIND_NAMES = {"doc": "a Word 97-2003 document", "rtf": "an RTF document", "odt": "an OpenDocument text"}


def read_converted(data: bytes, kind: str, diagnostics: Diagnostics, limits: Limits = DEFAULT) -> list[Block]:
    """A document LibreOffice reads (`kind`: "doc", "rtf", "odt"), converted to DOCX and read as one."""
    from kehoach.readers.docx.document import read_docx

    timeout = min(TIMEOUT_SECONDS, limits.timeout) if limits.timeout else TIMEOUT_SECONDS
    try:
        converted = convert(data, f".{kind}", "docx", timeout=timeout)
    except InputError as exc:
        if "could not convert" in exc.problem:
            raise InputError(f"LibreOffice could not convert the file (damaged, or not {_KIND_NAMES[kind]})") from exc
        raise
    return read_docx(converted, diagnostics, max_part=limits.max_unzipped)


def read_doc(data: bytes, diagnostics: Diagnostics, limits: Limits = DEFAULT) -> list[Block]:
    return read_converted(data, "doc", diagnostics, limits)
