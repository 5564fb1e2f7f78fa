"""assignments: which body the plan gives which duties, in its organization section."""

from __future__ import annotations

import regex

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.models import Assignment, AssignmentMode, Role
from kehoach.outline import Node, Outline

# patterns used in loops, compiled once
_COMMA = regex.compile(r",\s*")

_AGENCY_WORDS = 30


def _agency(title: str) -> tuple[str, AssignmentMode, str]:
    """(agency, mode, the rest of the title) of an entry such as "Đề nghị Công an huyện"."""
    rules = grammar.assignments()
    mode: AssignmentMode = "assigned"
    text = title.strip()
    requested = rules.requested.rx.match(text)
    if requested:
        mode, text = "requested", text[requested.end():]
    else:
        assigned = rules.assigned.rx.match(text)
        if assigned:
            text = text[assigned.end():]
    end = rules.agency_end.rx.search(text)
    rest = ""
    if end:
        text, rest = text[: end.start()], text[end.start():]
    return text.strip(" .:;,"), mode, rest.strip(" :")


def _bodies(text: str) -> list[str]:
    """"Phòng Văn hóa và Thông tin, Công an huyện và Phòng Tư pháp" -> three bodies: a comma always
    separates, "và" only before a word a body's name starts with."""
    rules = grammar.assignments()
    head, joiner = rules.agency_head.rx, rules.joiner.rx
    names: list[str] = []
    for part in _COMMA.split(text):
        cuts = list(joiner.finditer(part))
        current = part[:cuts[0].start()] if cuts else part
        for index, cut in enumerate(cuts):
            piece = part[cut.end():cuts[index + 1].start() if index + 1 < len(cuts) else len(part)]
            if head.match(piece):
                names.append(current)
                current = piece
            else:
                current = f"{current} {cut.group().strip()} {piece}"  # the joining word as written
        names.append(current)
    return names


def _coordinates(texts: list[str]) -> list[str]:
    found: list[str] = []
    coordinates = grammar.assignments().coordinates  # once: asked of every duty
    for text in texts:
        for match in coordinates.finditer(text):
            for name in _bodies(match.group("who")):
                name = name.strip(" .;:")
                if name and name not in found and len(name.split()) <= 14:
                    found.append(name)
    return found


def _entry(title: str, duties: list[str], node_id: str, block: Block) -> Assignment | None:
    agency, mode, rest = _agency(title)
    if not agency or len(agency.split()) > _AGENCY_WORDS or not agency[:1].isupper():
        return None
    duties = ([rest] if rest else []) + duties
    leads = grammar.assignments().lead
    lead = True if any(leads.search(d[:80]) for d in duties) else None
    return Assignment(agency=agency, mode=mode, lead=lead, coordinates_with=_coordinates(duties), duties=duties,
                      section_id=node_id, source=block.source())


def extract_assignments(outline: Outline) -> list[Assignment]:
    out: list[Assignment] = []
    for node in outline.top_sections(Role.organization):
        if node.children:
            for child in node.children:
                listed = _colon_entries(child)
                if len(listed) >= 2:  # "1. Các sở, ngành" with "- Sở Y tế: ..." items: the items are the entries
                    out += listed
                    continue
                duties = ([child.lead] if child.lead else []) + child.texts_below()
                entry = _entry(child.title, duties, child.id, child.block)
                if entry is not None:
                    out.append(entry)
        else:
            out += _colon_entries(node)
    return out


def _colon_entries(node: Node) -> list[Assignment]:
    """Entries written as "Sở Y tế: chủ trì ..." paragraphs or items of a section."""
    entries = []
    for part in node.content:
        head, sep, rest = part.text.partition(":")
        if sep and len(head.split()) <= _AGENCY_WORDS:
            entry = _entry(head, [rest.strip()], node.id, part.block)
            if entry is not None:
                entries.append(entry)
    return entries
