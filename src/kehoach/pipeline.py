"""The pipeline, stage by stage; nothing else lives here. Pure: no printing, no writing.

    bytes ─read─▶ [Block] ─normalize─▶ [Block] ─arrange─▶ [Block] ─classify─▶ [Line]
          ─split_zones─▶ Zones ─join_paragraphs─▶ Zones ─build_outline─▶ Outline ─extract─▶ Plan

`stages` runs the pipeline up to a stage and hands back what that stage made (`kehoach parse
--stage`); `parse` runs it through.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from kehoach import normalize, readers
from kehoach.blocks import Block
from kehoach.classify import Line, classify
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.extract.assignments import extract_assignments
from kehoach.extract.basis import complete_citations, extract_legal_basis, extract_references
from kehoach.extract.footer import extract_recipients, extract_signature
from kehoach.extract.header import extract_header
from kehoach.extract.objectives import extract_objectives
from kehoach.extract.reporting import extract_reporting
from kehoach.extract.sections import extract_sections
from kehoach.extract.targets import extract_targets
from kehoach.extract.tasks import extract_tasks
from kehoach.layout import Arranged, arrange
from kehoach.limits import DEFAULT, Limits, OcrMode
from kehoach.models import FileInfo, Plan
from kehoach.outline import Outline, build_outline
from kehoach.paragraphs import join_paragraphs
from kehoach.readers.source import input_label, load_bytes
from kehoach.zones import Zones, split_zones


@dataclass
class Stages:
    """What each stage handed on, as far as the pipeline was run."""

    source: FileInfo
    diagnostics: Diagnostics
    blocks: list[Block]
    normalized: list[Block] | None = None
    layout: Arranged | None = None
    tokens: list[Line] | None = None
    zones: Zones | None = None
    outline: Outline | None = None


STAGE_NAMES = ("read", "blocks", "layout", "tokens", "zones", "outline")


def read(source: str | os.PathLike | bytes, *, name: str | None = None, ocr: OcrMode | str = OcrMode.auto,
         limits: Limits = DEFAULT) -> Stages:
    """The reading stage: the file's bytes as Blocks, and what the file is."""
    if not isinstance(source, str | os.PathLike | bytes | bytearray):
        raise TypeError(f"a plan is read from a path or bytes, not {type(source).__name__} (text: parse_text)")
    label = input_label(source, name)
    try:
        data = load_bytes(source, limits)
        diagnostics = Diagnostics()
        blocks, fmt = readers.read(data, diagnostics, ocr=OcrMode(ocr), limits=limits, name=label)
    except InputError as exc:
        if exc.path is None:
            exc.path = label
        raise
    info = FileInfo(path=label, format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                    ocr_pages=diagnostics.count("ocr") + diagnostics.count("ocr_no_text"))
    return Stages(source=info, diagnostics=diagnostics, blocks=blocks)


def run_until(stages: Stages, last: str) -> Stages:
    """The stages after reading, up to `last` (one of STAGE_NAMES), each fed the one before."""
    if last not in STAGE_NAMES:
        raise ValueError(f"no stage {last!r}: the stages are {', '.join(STAGE_NAMES)}")
    diagnostics = stages.diagnostics
    if last == "read":
        return stages
    stages.normalized = normalize.normalize(stages.blocks)
    if last == "blocks":
        return stages
    stages.layout = arrange(stages.normalized, diagnostics)
    if last == "layout":
        return stages
    stages.tokens = classify(stages.layout.blocks)
    if last == "tokens":
        return stages
    zones = split_zones(stages.tokens, stages.layout.header_end, stages.layout.truncated, diagnostics)
    stages.zones = join_paragraphs(zones, diagnostics)
    if last == "zones":
        return stages
    stages.outline = build_outline(stages.zones.body, diagnostics)
    return stages


def extract(zones: Zones, outline: Outline, source: FileInfo, diagnostics: Diagnostics) -> Plan:
    """Every part of the plan, from the zones and the outline."""
    roles = {node.role.value for node in outline.walk() if node.role}
    header_zone = zones.header
    preamble = [line.block for line in zones.preamble]
    body = [line.block for line in zones.body]
    footer = [line.block for line in zones.footer]
    header = extract_header(header_zone, diagnostics, [block.text for block in preamble[:5]], roles)
    found = extract_legal_basis(zones.preamble, outline)
    basis, references = complete_citations(
        found, extract_references(header_zone.type_and_title + preamble, body, found))
    cut = body[-1] if zones.truncated and body and not footer else None
    signature = extract_signature(footer)
    if not footer:
        diagnostics.warn("no_signature", "no signature block was found (the text may be cut)")
    return Plan(
        source=source,
        header=header,
        legal_basis=basis,
        references=references,
        sections=extract_sections(outline),
        objectives=extract_objectives(outline),
        targets=extract_targets(outline, cut),
        tasks=extract_tasks(outline),
        assignments=extract_assignments(outline),
        reporting=extract_reporting(body),
        recipients=extract_recipients(footer),
        signature=signature,
        diagnostics=diagnostics.items,
    )


def parse(source: str | os.PathLike | bytes, *, name: str | None = None, ocr: OcrMode | str = OcrMode.auto,
          limits: Limits = DEFAULT) -> Plan:
    """Parse a plan from a path (a str is always a path) or the bytes of a file.
    `ocr` says which PDF pages are read by OCR; `limits` bounds what one input may cost (its
    `timeout` and `max_memory` are applied by `kehoach.batch` and `kehoach.isolation`, not here).
    An InputError names the file in `path`."""
    stages = run_until(read(source, name=name, ocr=ocr, limits=limits), "outline")
    assert stages.zones is not None and stages.outline is not None
    return extract(stages.zones, stages.outline, stages.source, stages.diagnostics)


def parse_text(text: str, *, name: str = "<text>", limits: Limits = DEFAULT) -> Plan:
    """Parse a plan given as text (plain text or markdown). A lone surrogate (text decoded with
    errors="surrogateescape", or cut in the middle of a pair) stands for no character: it is read
    as U+FFFD, where encoding the text would fail."""
    data = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    return parse(data, name=name, limits=limits)
