"""zones: split a document's blocks into header, preamble, body and footer.

The header is the issuer block and the motto, the number, the place and date, the type line
("KẾ HOẠCH") and the title. The preamble holds the legal basis ("Căn cứ ...", "Thực hiện ...").
The body is the numbered plan. The footer is "Nơi nhận" and the signature. Whatever a website put
before the header is left out with a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.diagnostics import Diagnostics
from kehoach.doctypes import DocType, type_line
from kehoach.extract import citations
from kehoach.layout import (
    columns_first,
    drop_debris,
    flatten_tabs,
    join_header_fragments,
    reflow,
    split_columns,
    split_flattened,
    with_labels,
)
from kehoach.memo import remembered
from kehoach.normalize.text import fold, is_upper
from kehoach.outline import LIST_SCHEMES, label_of

# patterns used in loops, compiled once
_ENDS_A_SENTENCE = regex.compile(r"[.;:!?)”\"]$")
_DOCUMENT_NUMBER_HINT = regex.compile(r"(?i:\bsố\b)\s*\d|\d+\s*/\s*\p{Lu}")
_BASIS_SENTENCE_END = regex.compile(r"[;:,.]$|(?i:như\s+sau|cụ\s+thể\s+như)")
_AS_FOLLOWS_END = regex.compile(r"(?i:như\s+sau|sau\s+đây)\s*:\s*$")

HEADER_SEARCH = 60  # blocks: a header further down than this is not a header
_DIGIT = regex.compile(r"\d")


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


@dataclass
class Zones:
    header: HeaderZone
    preamble: list[Block]
    body: list[Block]
    footer: list[Block]
    truncated: bool = False


# remembered: the layout stage asks it of each line, the outline of each paragraph
opener_relation = remembered(maxsize=4096)(citations.opener_relation)


def is_label(text: str) -> bool:
    """A numbered heading's label (not a list item's dash)."""
    label = label_of(text)
    return label is not None and label.scheme not in LIST_SCHEMES


def starts_block(text: str) -> bool:
    """A line that starts a paragraph of its own: a numbering label or a legal-basis opener."""
    return label_of(text) is not None or opener_relation(text) is not None


def split(blocks: list[Block], diagnostics: Diagnostics) -> Zones:
    blocks, truncated = drop_debris(with_labels(blocks), diagnostics)
    # a flattened document is one long line from its header on: looked for only where a header can
    # be, before the first numbered heading
    flat_end = _numbering_start(blocks)
    blocks = split_flattened(blocks[:flat_end], diagnostics) + blocks[flat_end:]
    region = _header_region_end(blocks)
    head = join_header_fragments(columns_first(split_columns(blocks[:region])))
    blocks = head + blocks[region:]

    header, start, end = _find_header(blocks[: len(head)], diagnostics)
    if start > 0:
        skipped = blocks[:start]
        diagnostics.warn("text_before_header", f"{len(skipped)} line(s) before the header left out: "
                         f"{skipped[0].text[:60]}", skipped[0].source())
    rest = blocks[end:]
    footer_at = _footer_start(rest)
    main, footer = rest[:footer_at], rest[footer_at:]
    body_at = _body_start(main)
    preamble = reflow(flatten_tabs(main[:body_at]), starts_block, is_label)
    body = reflow(flatten_tabs(main[body_at:]), starts_block, is_label)
    # a two-column footer read row by row: the recipients column first, then the signature's
    footer = sorted(split_columns(footer), key=lambda b: b.cell[1] if b.cell else 0)
    if not footer and body and not _ENDS_A_SENTENCE.search(body[-1].text) and not truncated:
        truncated = True
        diagnostics.warn("truncated", "the text ends in the middle of a sentence: the rest of the plan is missing",
                         body[-1].source())
    return Zones(header=header, preamble=preamble, body=body, footer=footer, truncated=truncated)


def _numbering_start(blocks: list[Block]) -> int:
    """The first block that opens with a heading's numbering ("I.", "1."), within the first
    HEADER_SEARCH blocks; a header comes before it."""
    for index, block in enumerate(blocks[:HEADER_SEARCH]):
        if is_label(block.text):
            return index
    return min(len(blocks), HEADER_SEARCH)


def _header_region_end(blocks: list[Block]) -> int:
    """Where the header can no longer be: once a header line has been seen, a long paragraph or the
    first legal-basis sentence (long lines before it are a website's page title and summary)."""
    rules = grammar.header()
    seen_header = False
    for index, block in enumerate(blocks[:HEADER_SEARCH]):
        text = block.text
        label = label_of(text)
        if label is not None and (label.scheme not in LIST_SCHEMES or seen_header):
            return index  # the body's numbering has begun (a website's lists may come before a header)
        seen_header = seen_header or bool(rules.motto.search(fold(text)) or rules.number.rx.search(text)
                                          or rules.place_date.rx.search(text))
        after_type = index > 0 and type_line(blocks[index - 1].text) is not None
        if seen_header and (len(text) > 250 or (_cites_a_document(text) and not after_type)):
            return index
    return min(len(blocks), HEADER_SEARCH)


def _find_header(blocks: list[Block], diagnostics: Diagnostics) -> tuple[HeaderZone, int, int]:
    """The header zone, the index where it starts and the index after it."""
    rules = grammar.header()
    motto_i = _first(blocks, lambda b: rules.motto.search(fold(b.text)) is not None)
    number_i = _first(blocks, lambda b: rules.number.rx.search(b.text) is not None)
    date_i = _first(blocks, lambda b: rules.place_date.rx.search(b.text) is not None)
    anchors = [i for i in (motto_i, number_i, date_i) if i is not None]
    after = max(anchors) + 1 if anchors else 0
    type_i = _first(blocks, lambda b: type_line(b.text) is not None, start=after)
    if type_i is None and not anchors:
        type_i = _first(blocks, lambda b: type_line(b.text) is not None and (b.style.bold or is_upper(b.text)))
    if type_i is not None:
        anchors.append(type_i)
    zone = HeaderZone()
    if not anchors:
        diagnostics.warn("no_header", "no header block (issuer, number, place and date) was found")
        return zone, 0, 0
    first = min(anchors)
    start = _issuer_start(blocks, first)
    zone.number = blocks[number_i] if number_i is not None else None
    zone.date = blocks[date_i] if date_i is not None else None
    stop = min(i for i in (number_i, date_i, type_i, len(blocks)) if i is not None)
    zone.issuer_lines = [
        b for b in blocks[start:stop]
        if not rules.motto.search(fold(b.text)) and is_upper(b.text) and not _DIGIT.search(b.text)
    ]
    if type_i is not None:
        zone.type_block = blocks[type_i]
        zone.doc_type, zone.title_on_type_line = type_line(blocks[type_i].text)
        title_from = type_i + 1
    else:
        title_from = max(i for i in (number_i, date_i, motto_i) if i is not None) + 1
    zone.title_blocks, end = _title(blocks, title_from, zone.title_on_type_line, typed=type_i is not None)
    zone.blocks = blocks[start:end]
    return zone, start, end


def _first(blocks: list[Block], test, start: int = 0) -> int | None:
    return next((i for i in range(start, len(blocks)) if test(blocks[i])), None)


def _issuer_start(blocks: list[Block], first: int) -> int:
    """Walk back from the first anchor over the issuer lines (capitals without digits, three at most)."""
    start = first
    for index in range(first - 1, max(first - 4, -1), -1):
        block = blocks[index]
        if not is_upper(block.text) or _DIGIT.search(block.text) or label_of(block.text):
            break
        start = index
    return start


def _title(blocks: list[Block], start: int, on_type_line: str, typed: bool) -> tuple[list[Block], int]:
    """The title lines from `start`, and the index after them."""
    rules = grammar.header()
    title: list[Block] = []
    index = start
    while index < len(blocks):
        block = blocks[index]
        text = block.text
        first = not title and not on_type_line
        if (rules.enacting_line.rx.search(text) and title) or type_line(text) or label_of(text):
            break
        if opener_relation(text) and not (first and typed and not _is_basis_sentence(text)):
            break
        if not first and (block.blank_before or rules.place_date.rx.search(text)):
            break
        if not typed and not is_upper(text):
            break
        title.append(block)
        index += 1
    return title, index


def _cites_a_document(text: str) -> bool:
    """A legal-basis line: an opener and a document number, or a whole basis sentence."""
    return opener_relation(text) is not None and (
        bool(_DOCUMENT_NUMBER_HINT.search(text)) or _is_basis_sentence(text))


def _is_basis_sentence(text: str) -> bool:
    """"Thực hiện Quyết định số 361/QĐ-TTg ...;" is legal basis; "Thực hiện Chương trình phòng, chống
    mại dâm giai đoạn 2021-2025" or "thực hiện Nghị quyết số 57-NQ/TW ..." under "KẾ HOẠCH" is a title:
    a title starts in lower case or capitals and ends without the sentence's punctuation."""
    if opener_relation(text) is None or text[:1].islower() or is_upper(text):
        return False
    return bool(_BASIS_SENTENCE_END.search(text)) or len(text) > 300


def _body_start(blocks: list[Block]) -> int:
    """The first block of the body: a numbered or listed block, or what follows "QUYẾT ĐỊNH:" or
    "... như sau:" at the end of the legal basis."""
    formula = grammar.header().enacting_formula.rx
    for index, block in enumerate(blocks):
        if label_of(block.text):
            return index
        if formula.search(block.text):
            return index + 1
        if _AS_FOLLOWS_END.search(block.text):
            return index + 1
    return len(blocks)


def _footer_start(blocks: list[Block]) -> int:
    """The first block of "Nơi nhận" and the signature, or len(blocks)."""
    rules = grammar.signature()
    # looked up once: this runs on every block of the plan, and the footer is at its end
    recipients, authority, body_end = rules.recipients_heading.rx, rules.authority.rx, rules.body_end
    for index, block in enumerate(blocks):
        text = block.text
        if recipients.search(text) or authority.search(text.split("\t", 1)[0] if "\t" in text else text):
            return index
        if body_end.search(text) and index + 1 < len(blocks):
            return index + 1
    return len(blocks)
