"""The pipeline: bytes -> Blocks -> zones -> outline -> extractors -> Plan. Pure: no printing, no writing."""

from __future__ import annotations

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
from kehoach.models import FileInfo, Plan, Section
from kehoach.outline import Node, build
from kehoach.zones import split


def _load(source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "<bytes>"
    if isinstance(source, str) and (name is not None or "\n" in source or len(source) > 4096):
        return source.encode("utf-8"), name or "<text>"
    path = Path(os.fspath(source))
    try:
        return path.read_bytes(), name or str(path)
    except FileNotFoundError as exc:
        raise InputError("no such file") from exc
    except IsADirectoryError as exc:
        raise InputError("is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputError("permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from exc


def _section(node: Node) -> Section:
    lead = [node.lead] if node.lead else []
    paragraphs = [p.text for p in node.paragraphs]
    return Section(
        id=node.id,
        label=node.label.label,
        numbering=node.scheme,
        depth=node.depth,
        title=node.title,
        role=node.role,
        text=" ".join(lead + paragraphs),
        items=[item.text for item in node.items],
        source=node.block.source(),
        children=[_section(child) for child in node.children],
    )


def _title_blocks(zones) -> list:
    header = zones.header
    return ([header.type_block] if header.type_block else []) + header.title_blocks


def parse(source, *, name: str | None = None, ocr: str = "auto") -> Plan:
    """Parse a plan from a path, bytes, or text (a str with a newline, or with `name` given).
    `ocr` ("auto", "always", "never") says which PDF pages are read by OCR."""
    data, label = _load(source, name)
    diagnostics = Diagnostics()
    blocks, fmt = readers.read(data, diagnostics, ocr=ocr)
    zones = split(blocks, diagnostics)
    outline = build(zones.body, diagnostics)
    header = extract_header(zones.header, diagnostics)
    basis = legal_basis(zones.preamble, outline)
    cut = zones.body[-1] if zones.truncated and zones.body and not zones.footer else None
    signature = extract_signature(zones.footer)
    if not zones.footer:
        diagnostics.warn("no_signature", "no signature block was found (the text may be cut)")
    return Plan(
        source=FileInfo(path=label, format=fmt, sha256=hashlib.sha256(data).hexdigest()),
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
