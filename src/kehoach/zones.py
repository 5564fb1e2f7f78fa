"""zones: a document's lines split into header, preamble, body and footer, from their tokens alone.

The header is the issuer block and the motto, the number, the place and date, the type line
("KẾ HOẠCH") and the title. The preamble holds the legal basis ("Căn cứ ...", "Thực hiện ...").
The body is the numbered plan. The footer is "Nơi nhận" and the signature. Whatever a website put
before the header is left out with a diagnostic.

Guarantees: every line after the header is in exactly one of preamble, body and footer, in order,
but for the type line and title of a plan a decision carries after its signature (reported as
`attached_document`: the plan's sections join the body, its closing lines the footer); the
header's lines are those the layout stage left where a header can be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kehoach.blocks import Block
from kehoach.classify import Line
from kehoach.diagnostics import Diagnostics
from kehoach.doctypes import DocType


@dataclass
class HeaderZone:
    issuer_lines: list[Block] = field(default_factory=list)
    number: Block | None = None
    date: Block | None = None
    type_block: Block | None = None
    doc_type: DocType | None = None
    title_blocks: list[Block] = field(default_factory=list)
    title_on_type_line: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def type_and_title(self) -> list[Block]:
        """The type line and the title lines: where a plan names what it carries out."""
        return ([self.type_block] if self.type_block else []) + self.title_blocks


@dataclass
class Zones:
    header: HeaderZone
    preamble: list[Line]
    body: list[Line]
    footer: list[Line]
    truncated: bool = False


def split_zones(lines: list[Line], header_end: int, truncated: bool, diagnostics: Diagnostics) -> Zones:
    """The zones of a document's lines; the header is looked for in `lines[:header_end]` (where the
    layout stage found a header can be), and `truncated` says the text was found cut. The lines
    of the preamble and the body are still lines: the paragraphs stage joins them."""
    header, start, end = _find_header(lines, header_end, diagnostics)
    if start > 0:
        skipped = lines[:start]
        diagnostics.warn("text_before_header", f"{len(skipped)} line(s) before the header left out: "
                         f"{skipped[0].text[:60]}", skipped[0].block.source())
    rest = lines[end:]
    footer_at = _footer_start(rest)
    main, footer = rest[:footer_at], rest[footer_at:]
    body_at = _body_start(main)
    body = main[body_at:]
    attached_at = _attachment_start(footer)
    if attached_at is not None:
        # a decision that carries a plan: its recipients and signature, then the plan ("KẾ HOẠCH" /
        # its title / "(Kèm theo Quyết định số ...)") whose sections are the document's body
        attached = footer[attached_at:]
        footer = footer[:attached_at]
        first_section = next(index for index, line in enumerate(attached) if line.heading)
        plan_end = first_section + _footer_start(attached[first_section:])
        body = body + attached[first_section:plan_end]
        footer = footer + attached[plan_end:]  # the plan's own closing lines, if it has any
        diagnostics.warn("attached_document", "the document carries another after its signature: its sections "
                         "are read as the body", attached[0].block.source())
    return Zones(header=header, preamble=main[:body_at], body=body, footer=footer, truncated=truncated)


ATTACHED_TITLE = 600  # characters: an attached plan's title and its "(Kèm theo Quyết định ...)", however wrapped


def _attachment_start(footer: list[Line]) -> int | None:
    """Where a document attached after the footer begins: a type line in capitals ("KẾ HOẠCH"), or
    the type word alone, followed, after no more than a title's worth of text (in as many lines as
    the copy wrapped it into), by a numbered heading."""
    for index, line in enumerate(footer):
        if line.doc_type is None or (line.title_on_type_line and not line.upper) or index == 0:
            continue  # in capitals, or the type word alone on its line
        length = 0
        for following in footer[index + 1:]:
            if following.heading:
                return index
            length += len(following.text)
            if length > ATTACHED_TITLE:
                break
    return None


def _find_header(all_lines: list[Line], header_end: int, diagnostics: Diagnostics) -> tuple[HeaderZone, int, int]:
    """The header zone within `all_lines[:header_end]`, the index where it starts and the index after it."""
    lines = all_lines[:header_end]
    motto_i = _first(lines, lambda line: line.motto)
    number_i = _first(lines, lambda line: line.number)
    date_i = _first(lines, lambda line: line.place_date)
    anchors = [i for i in (motto_i, number_i, date_i) if i is not None]
    after = max(anchors) + 1 if anchors else 0
    type_i = _first(lines, lambda line: line.doc_type is not None, start=after)
    if type_i is None and not anchors:
        type_i = _first(lines, lambda line: line.doc_type is not None and (line.block.style.bold or line.upper))
    if type_i is not None:
        anchors.append(type_i)
    zone = HeaderZone()
    if not anchors:
        diagnostics.warn("no_header", "no header block (issuer, number, place and date) was found")
        return zone, 0, 0
    start = _issuer_start(lines, min(anchors))
    zone.number = lines[number_i].block if number_i is not None else None
    zone.date = lines[date_i].block if date_i is not None else None
    stop = min(i for i in (number_i, date_i, type_i, len(lines)) if i is not None)
    zone.issuer_lines = [line.block for line in lines[start:stop] if not line.motto and line.upper and not line.figures]
    if type_i is not None:
        typed = lines[type_i]
        zone.type_block, zone.doc_type, zone.title_on_type_line = typed.block, typed.doc_type, typed.title_on_type_line
        title_from = type_i + 1
    else:
        title_from = max(i for i in (number_i, date_i, motto_i) if i is not None) + 1
    # a copy with an empty line after every header line says nothing with them (a web page's)
    spaced = title_from > start and \
        sum(line.block.blank_before for line in lines[start:title_from]) >= 0.8 * (title_from - start)
    title, end = _title(lines, title_from, zone.title_on_type_line, typed=type_i is not None,
                        following=all_lines[header_end] if header_end < len(all_lines) else None,
                        blank_breaks=not spaced)
    zone.title_blocks = [line.block for line in title]
    zone.blocks = [line.block for line in lines[start:end]]
    return zone, start, end


def _first(lines: list[Line], test: Callable[[Line], bool], start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if test(lines[i])), None)


def _issuer_start(lines: list[Line], first: int) -> int:
    """Walk back from the first anchor over the issuer lines (capitals without digits, three at most)."""
    start = first
    for index in range(first - 1, max(first - 4, -1), -1):
        line = lines[index]
        if not line.upper or line.figures or line.label:
            break
        start = index
    return start


def _title(lines: list[Line], start: int, on_type_line: str, typed: bool,
           following: Line | None, blank_breaks: bool) -> tuple[list[Line], int]:
    """The title lines from `start`, and the index after them; `following` is the line after the
    header region."""
    title: list[Line] = []
    index = start
    while index < len(lines):
        line = lines[index]
        first = not title and not on_type_line
        # the enacting authority ("ỦY BAN NHÂN DÂN TỈNH") after a title, or right above the legal basis
        # of a decision that prints no title
        after = lines[index + 1] if index + 1 < len(lines) else following
        enacting = line.enacting_line and (title or (after is not None and after.opener is not None))
        if enacting or line.doc_type is not None or line.label:
            break
        # a first line in capitals under the type line is the title even when it names the document
        # it carries out ("TRIỂN KHAI THỰC HIỆN ... SỐ 17-CTR/TU"): basis sentences are in sentence case
        if line.opener and not (first and (line.upper or (typed and not line.basis_sentence))):
            break
        if not first and ((line.block.blank_before and blank_breaks) or line.place_date):
            break
        # a title in capitals ("... GIAI ĐOẠN 2018 -" / "2025”") ends where sentence case begins
        capitals = bool(title) and not any(_has_lower(part.text) for part in title)
        if (not typed and not line.upper) or (capitals and _has_lower(line.text) and not line.upper):
            break
        title.append(line)
        index += 1
    return title, index


def _has_lower(text: str) -> bool:
    return any(map(str.islower, text))


def _body_start(lines: list[Line]) -> int:
    """The first line of the body: a numbered or listed line, or what follows "QUYẾT ĐỊNH:" or
    "... như sau:" at the end of the legal basis."""
    for index, line in enumerate(lines):
        if line.label:
            return index
        if line.enacting_formula or line.as_follows:
            return index + 1
    return len(lines)


def _footer_start(lines: list[Line]) -> int:
    """The first line of "Nơi nhận" and the signature, or len(lines)."""
    for index, line in enumerate(lines):
        if line.recipients or line.authority:
            return index
        if line.body_end and index + 1 < len(lines):
            return index + 1
    return len(lines)
