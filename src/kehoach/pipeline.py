"""The pipeline: bytes -> Blocks -> zones -> outline -> extractors -> Plan. Pure: no printing, no writing."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
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


def _load(source, name: str | None, limits: Limits) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        if len(source) > limits.max_bytes:
            raise _too_big(len(source), limits)
        return bytes(source), name or "<bytes>"
    if isinstance(source, str) and (name is not None or "\n" in source or len(source) > 4096):
        data = source.encode("utf-8")
        if len(data) > limits.max_bytes:
            raise _too_big(len(data), limits)
        return data, name or "<text>"
    path = Path(os.fspath(source))
    try:
        with path.open("rb") as stream:  # never more than the limit in memory, whatever the file claims
            # asked for its stated size (plus one byte, to see that it ended): a read of the limit
            # itself reserves the limit's memory first. A pipe or a device states 0.
            stated = os.fstat(stream.fileno()).st_size
            data = stream.read(min(stated, limits.max_bytes) + 1 if stated else limits.max_bytes + 1)
            if stated and len(data) > stated and len(data) <= limits.max_bytes:
                data += stream.read(limits.max_bytes + 1 - len(data))  # it grew while read
            if len(data) > limits.max_bytes:
                raise _too_big(os.fstat(stream.fileno()).st_size, limits)
        return data, name or str(path)
    except FileNotFoundError as exc:
        raise InputError("no such file") from exc
    except IsADirectoryError as exc:
        raise InputError("is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputError("permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from exc


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


def parse(source, *, name: str | None = None, ocr: str = "auto", limits: Limits = DEFAULT) -> Plan:
    """Parse a plan from a path, bytes, or text (a str with a newline, or with `name` given).
    `ocr` ("auto", "always", "never") says which PDF pages are read by OCR; `limits` bounds what
    one input may cost (its `timeout` is applied by `kehoach.batch.parse_one`, not here)."""
    data, label = _load(source, name, limits)
    diagnostics = Diagnostics()
    blocks, fmt = readers.read(data, diagnostics, ocr=ocr, limits=limits, name=label)
    with _collector_paused():
        return _analyse(blocks, FileInfo(path=label, format=fmt, sha256=hashlib.sha256(data).hexdigest()),
                        diagnostics)


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
