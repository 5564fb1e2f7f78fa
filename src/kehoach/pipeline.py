"""The pipeline: bytes -> Blocks -> zones -> outline -> extractors -> Plan. Pure: no printing, no writing."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
from pathlib import Path

from kehoach import readers
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.extract.assignments import extract_assignments
from kehoach.extract.basis import legal_basis, references
from kehoach.extract.footer import extract_recipients, extract_signature
from kehoach.extract.header import extract_header
from kehoach.extract.objectives import extract_objectives
from kehoach.extract.reporting import extract_reporting
from kehoach.extract.targets import extract_targets
from kehoach.extract.tasks import extract_tasks
from kehoach.limits import DEFAULT, Limits, megabytes
from kehoach.models import FileInfo, Plan, Section
from kehoach.outline import Item, Node, build
from kehoach.zones import split


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


def _load(source: str | os.PathLike | bytes, limits: Limits) -> bytes:
    if isinstance(source, bytes | bytearray):
        if len(source) > limits.max_bytes:
            raise _too_big(len(source), limits)
        return bytes(source)
    if source == "":
        raise InputError("no such file (the path is empty)")
    return _read_path(Path(os.fspath(source)), limits)


def _label(source: str | os.PathLike | bytes, name: str | None) -> str:
    """What the output's `source.path` and the messages call the input."""
    if name:
        return name
    if isinstance(source, bytes | bytearray):
        return "<bytes>"
    path = os.fspath(source)
    return str(Path(path)) if path else path


def _section(node: Node) -> Section:
    texts = [node.lead] if node.lead else []
    items = []
    for part in node.content:  # one pass: a section per numbered paragraph of the plan
        (items if isinstance(part, Item) else texts).append(part.text)
    return Section(
        id=node.id,
        label=node.label.label,
        numbering=node.label.scheme,
        depth=node.depth,
        title=node.title,
        role=node.role,
        text=" ".join(texts),
        items=items,
        source=node.block.source(),
        children=[_section(child) for child in node.children],
    )


def _title_blocks(zones) -> list:
    header = zones.header
    return ([header.type_block] if header.type_block else []) + header.title_blocks


def parse(source: str | os.PathLike | bytes, *, name: str | None = None, ocr: str = "auto",
          limits: Limits = DEFAULT) -> Plan:
    """Parse a plan from a path (a str is always a path) or the bytes of a file.
    `ocr` ("auto", "always", "never") says which PDF pages are read by OCR; `limits` bounds what
    one input may cost (its `timeout` and `max_memory` are applied by `kehoach.batch` and
    `kehoach.isolation`, not here). An InputError names the file in `path`."""
    if not isinstance(source, str | os.PathLike | bytes | bytearray):
        raise TypeError(f"a plan is read from a path or bytes, not {type(source).__name__} (text: parse_text)")
    label = _label(source, name)
    try:
        data = _load(source, limits)
        diagnostics = Diagnostics()
        blocks, fmt = readers.read(data, diagnostics, ocr=ocr, limits=limits, name=label)
    except InputError as exc:
        if exc.path is None:
            exc.path = label
        raise
    with _collector_paused():
        return _analyse(blocks, FileInfo(path=label, format=fmt, sha256=hashlib.sha256(data).hexdigest()),
                        diagnostics)


def parse_text(text: str, *, name: str = "<text>", limits: Limits = DEFAULT) -> Plan:
    """Parse a plan given as text (plain text or markdown)."""
    return parse(text.encode("utf-8"), name=name, limits=limits)


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector paused while the plan is analysed, then run on what was made.

    The analysis builds thousands of objects that all stay alive until it ends (blocks, the
    outline, the items): allocation counts set off collections that free nothing, and one full
    collection walks every object of the process. On a 300-page plan they took a tenth of the
    parse (13 ms for one full collection). The analysis makes a bounded amount of garbage, so the
    pause is safe; the young objects are collected at its end, so that the cost of collecting them
    falls here and not on whatever runs next. (Reading is not paused: a PDF's reader is another
    library's code, run for as long as the file has pages.)"""
    if not gc.isenabled():  # paused by the caller, or by another parse in another thread
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def _analyse(blocks: list, source: FileInfo, diagnostics: Diagnostics) -> Plan:
    zones = split(blocks, diagnostics)
    outline = build(zones.body, diagnostics)
    roles = {node.role.value for node in outline.walk() if node.role}
    header = extract_header(zones.header, diagnostics, [block.text for block in zones.preamble[:5]], roles)
    basis = legal_basis(zones.preamble, outline)
    cut = zones.body[-1] if zones.truncated and zones.body and not zones.footer else None
    signature = extract_signature(zones.footer)
    if not zones.footer:
        diagnostics.warn("no_signature", "no signature block was found (the text may be cut)")
    plan = Plan(
        source=source,
        header=header,
        legal_basis=basis,
        references=references(_title_blocks(zones) + zones.preamble, zones.body, basis),
        sections=[_section(root) for root in outline.roots],
        objectives=extract_objectives(outline),
        targets=extract_targets(outline, cut),
        tasks=extract_tasks(outline),
        assignments=extract_assignments(outline),
        reporting=extract_reporting(zones.body),
        recipients=extract_recipients(zones.footer),
        signature=signature,
        diagnostics=diagnostics.items,
    )
    outline.release()  # its nodes point at their parents: freed now, not left to the cycle collector
    return plan
