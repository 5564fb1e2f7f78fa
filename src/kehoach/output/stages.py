"""What one stage of the pipeline handed on, as records for JSON lines (`kehoach parse --stage`).

Every record names the stage and carries the source location of its line, so that a wrong field
can be traced to the stage that made it: the blocks a reader read (`read`) and normalized
(`blocks`), the lines the layout arranged (`layout`), their tokens (`tokens`), the zone each
paragraph fell in (`zones`) and the outline's sections, paragraphs and items (`outline`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kehoach.blocks import Block
from kehoach.classify import TOKEN_FLAGS, Line
from kehoach.outline import Item, Node, Outline
from kehoach.pipeline import Stages
from kehoach.zones import Zones


def stage_records(stages: Stages, stage: str) -> Iterator[dict[str, Any]]:
    """The records of `stage` (one of pipeline.STAGE_NAMES) from a pipeline run at least that far."""
    if stage == "read":
        yield from (_block("read", block) for block in stages.blocks)
    elif stage == "blocks":
        yield from (_block("blocks", block) for block in stages.normalized or [])
    elif stage == "layout" and stages.layout is not None:
        for index, block in enumerate(stages.layout.blocks):
            yield {**_block("layout", block), "header_region": index < stages.layout.header_end}
    elif stage == "tokens":
        yield from (_line("tokens", line) for line in stages.tokens or [])
    elif stage == "zones" and stages.zones is not None:
        yield from _zones(stages.zones, stages.tokens or [])
    elif stage == "outline" and stages.outline is not None:
        yield from _outline(stages.outline)


def _source(block: Block) -> dict[str, Any]:
    return block.source().model_dump(exclude_none=True)


def _block(stage: str, block: Block) -> dict[str, Any]:
    record: dict[str, Any] = {"stage": stage, "text": block.text, "source": _source(block)}
    if block.label:
        record["label"] = block.label
    style = {name: value for name, value in (("bold", block.style.bold), ("italic", block.style.italic),
                                             ("centered", block.style.centered),
                                             ("heading_level", block.style.heading_level)) if value}
    if style:
        record["style"] = style
    if block.cell is not None:
        record["cell"] = list(block.cell)
    if block.blank_before:
        record["blank_before"] = True
    return record


def line_tokens(line: Line) -> dict[str, Any]:
    """A line's tokens that hold: label, opener, item opener, document type, then the true flags."""
    tokens: dict[str, Any] = {}
    if line.label is not None:
        tokens["label"] = {"scheme": line.label.scheme.value, "label": line.label.label}
    if line.opener is not None:
        tokens["opener"] = line.opener.value
    if line.item_opener is not None and line.item_opener != line.opener:
        tokens["item_opener"] = line.item_opener.value
    if line.doc_type is not None:
        tokens["doc_type"] = line.doc_type.name
    tokens.update({flag: True for flag in TOKEN_FLAGS if getattr(line, flag)})
    return tokens


def _line(stage: str, line: Line) -> dict[str, Any]:
    return {"stage": stage, "text": line.text, "source": _source(line.block), "tokens": line_tokens(line)}


def header_parts(zones: Zones, tokens: list[Line]) -> dict[int, str]:
    """id(block) -> the part of the header a header block is (motto, issuer, title, number,
    place_date, type); a header block that is none of them is left out."""
    header = zones.header
    parts = {id(line.block): "motto" for line in tokens if line.motto}
    parts.update({id(block): "issuer" for block in header.issuer_lines})
    parts.update({id(block): "title" for block in header.title_blocks})
    for block, part in ((header.number, "number"), (header.date, "place_date"), (header.type_block, "type")):
        if block is not None:
            parts[id(block)] = part
    return parts


def _zones(zones: Zones, tokens: list[Line]) -> Iterator[dict[str, Any]]:
    parts = header_parts(zones, tokens)
    for block in zones.header.blocks:
        record = {"stage": "zones", "zone": "header", "text": block.text, "source": _source(block)}
        if id(block) in parts:
            record["part"] = parts[id(block)]
        yield record
    for zone, lines in (("preamble", zones.preamble), ("body", zones.body), ("footer", zones.footer)):
        for line in lines:
            yield {"stage": "zones", "zone": zone, "text": line.text, "source": _source(line.block)}


def _outline(outline: Outline) -> Iterator[dict[str, Any]]:
    for part in outline.loose:
        yield _content(part, None)
    for node in outline.walk():
        yield _section(node)
        for part in node.content:
            yield _content(part, node.id)


def _section(node: Node) -> dict[str, Any]:
    return {"stage": "outline", "kind": "section", "id": node.id, "parent": node.parent.id if node.parent else None,
            "depth": node.depth, "numbering": node.label.scheme.value, "label": node.label.label,
            "title": node.title, "role": node.role.value if node.role else None, "source": _source(node.block)}


def _content(part: Any, section: str | None) -> dict[str, Any]:
    kind = "item" if isinstance(part, Item) else "paragraph"
    record = {"stage": "outline", "kind": kind, "section": section, "text": part.text, "source": _source(part.block)}
    if isinstance(part, Item):
        record["marker"] = part.marker
        record["level"] = part.level
    return record
