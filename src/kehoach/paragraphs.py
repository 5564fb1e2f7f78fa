"""paragraphs: the lines of each zone joined into the paragraphs the author wrote.

A page width, a table cell or a web page breaks a paragraph into lines; once the zones are known,
the lines of the preamble and the body are joined back (the header's lines are not: each is a part
of the header), and the footer's two columns (recipients | signature) are read one after the other.

Guarantees: a line is joined to the one before only by the rules of `_continues`, which read the
lines' tokens; a joined paragraph is classified again as a whole, so that its tokens are those of
what the outline will read; the text of a body that stops in the middle of a sentence, with no
footer, is reported as cut.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kehoach.blocks import Block, span
from kehoach.cache import compile_regex
from kehoach.classify import Line, classify_line, closes_a_parenthesis
from kehoach.diagnostics import Diagnostics
from kehoach.flat_tables import same_wrapped_cell
from kehoach.layout import split_columns
from kehoach.zones import Zones

_TERMINAL = compile_regex(r"[.;:!?…]['\"”’)]*$")
_LOWER_START = compile_regex(r"^\p{Ll}")
_ENDS_A_SENTENCE = compile_regex(r"[.;:!?)”\"]$")


def join_paragraphs(zones: Zones, diagnostics: Diagnostics) -> Zones:
    """The stage: preamble and body as paragraphs, the footer column by column."""
    # a property of the copy, not of one zone: told from all its lines
    copy = Layout.of(zones.header.blocks + [line.block for line in zones.preamble + zones.body + zones.footer])
    preamble = reflow(_flatten_tabs(zones.preamble), copy)
    body = reflow(_flatten_tabs(zones.body), copy)
    footer_blocks = split_columns([line.block for line in zones.footer])
    # a two-column footer read row by row: the recipients column first, then the signature's
    footer_blocks.sort(key=lambda block: block.cell[1] if block.cell else 0)
    footer = [classify_line(block) for block in footer_blocks]
    truncated = zones.truncated
    if not footer and body and not _ENDS_A_SENTENCE.search(body[-1].text) and not truncated:
        truncated = True
        diagnostics.warn("truncated", "the text ends in the middle of a sentence: the rest of the plan is missing",
                         body[-1].block.source())
    return Zones(header=zones.header, preamble=preamble, body=body, footer=footer, truncated=truncated)


def _flatten_tabs(lines: list[Line]) -> list[Line]:
    """Body text: a column gap inside a paragraph is only wide spacing."""
    return [classify_line(line.block.with_text(line.text.replace("\t", " "))) if "\t" in line.text else line
            for line in lines]


def reflow(lines: list[Line], copy: Layout | None = None) -> list[Line]:
    """Join lines that continue the paragraph before them.

    A line continues the previous one when it starts with a small letter and the previous line
    did not end a sentence (across blank lines too: a page break), or when no blank line separates
    them, the previous line ended no sentence, and the line does not start a block of its own (a
    numbering label, a legal-basis opener). A short numbered heading is not continued by a
    capitalised line unless both are in capitals (a heading wrapped by the page width), and a
    longer one only in a copy wrapped at a width (whose lines are not whole paragraphs; its first
    lines may be short, a web page's hanging label cell). In a spaced copy (a blank line under
    nearly every line) blank lines are no separation. `copy` (`Layout`) is told from `lines` when
    not given.

    Linear in the text: a paragraph's lines are collected and joined once, and each decision looks
    only at the paragraph's first line and at the line before.
    """
    paragraphs: list[list[Line]] = []
    tables = _table_rows(lines)
    copy = Layout.of([line.block for line in lines]) if copy is None else copy
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line, tables, copy):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [group[0] if len(group) == 1 else classify_line(_join([line.block for line in group]))
            for group in paragraphs]


def _join(blocks: list[Block]) -> Block:
    first = blocks[0]
    line, end_line, end_page = span(blocks)
    return replace(first, text=" ".join(block.text for block in blocks), line=line, end_line=end_line,
                   end_page=end_page,
                   style=replace(first.style, bold=all(block.style.bold for block in blocks),
                                 italic=all(block.style.italic for block in blocks)))


def _row_key(block: Block) -> tuple[int | None, int] | None:
    return (block.page, block.cell[0]) if block.cell else None


def _table_rows(lines: list[Line]) -> set[tuple[int | None, int]]:
    """The rows of a table: three cells or more (a two-column layout's gap makes two), next to
    another such row (a scan's stray marks make a lone one)."""
    cells: dict[tuple[int | None, int], int] = {}
    for line in lines:
        if (row := _row_key(line.block)) is not None:
            cells[row] = cells.get(row, 0) + 1
    order = list(cells)
    wide = [cells[row] >= 3 for row in order]
    return {row for index, row in enumerate(order) if wide[index] and (
        (index > 0 and wide[index - 1]) or (index + 1 < len(order) and wide[index + 1]))}


def _rest_of_a_capitals_heading(paragraph: list[Line], line: Line) -> bool:
    """ "III. TỔ CHỨC" / "THỰC HIỆN": a short numbered heading in capitals and a short unnumbered line in
    capitals under it are one heading the copy wrapped, even when the copy spaced its lines apart
    and the second looks like an opener ("THỰC HIỆN", "CĂN CỨ" in capitals is no basis sentence)."""
    head = paragraph[0]
    if not head.heading or head.label is None or line.label is not None or not line.upper:
        return False
    if not all(part.upper for part in paragraph) or _TERMINAL.search(paragraph[-1].text[-8:]):
        return False
    words = sum(len(part.text.split()) for part in paragraph) + len(line.text.split())
    return len(line.text.split()) <= 6 and words <= 14


_SPACED_SHARE = 0.8  # of a copy's lines with a blank line above them
_WRAP_WIDTH = 120  # characters: lines a page width broke are shorter than this
_LONG_SHARE = 0.1  # of lines longer than _WRAP_WIDTH, at most, in a copy wrapped at a width
_MIN_LINES = 8  # fewer lines than this are too few to tell


@dataclass(frozen=True)
class Layout:
    """How a copy lays its text out in lines, where enough lines tell.

    `whole_lines`: its lines are whole paragraphs (long lines among them), so a numbered heading
    ends with its line. `spaced`: a blank line under nearly every line of a copy wrapped at a
    width (a web page's, a PDF viewer's): its blank lines break a paragraph's lines as often as
    they break paragraphs, so they say nothing, and lines are joined by what they say alone, as in
    a copy with no blank lines. A copy whose lines are whole paragraphs means its blank lines."""

    whole_lines: bool = False
    spaced: bool = False

    @classmethod
    def of(cls, blocks: list[Block]) -> Layout:
        if len(blocks) < _MIN_LINES:
            return cls()
        if sum(len(block.text) > _WRAP_WIDTH for block in blocks) > _LONG_SHARE * len(blocks):
            return cls(whole_lines=True)
        return cls(spaced=sum(block.blank_before for block in blocks) >= _SPACED_SHARE * len(blocks))


def _continues(paragraph: list[Line], line: Line, tables: set[tuple[int | None, int]], copy: Layout) -> bool:
    previous, block = paragraph[-1].block, line.block
    blank = block.blank_before and not copy.spaced  # a spaced copy's blank lines say nothing
    if same_wrapped_cell(previous, block):
        return True  # a long cell of a table given one cell a line, wrapped
    if previous.cell and block.cell and previous.cell[0] == block.cell[0]:
        return False  # two cells of one row
    if _row_key(previous) in tables or _row_key(block) in tables:
        return False  # a table's cell is whole: its rows stay apart
    before, text = previous.text, block.text
    head = paragraph[0]
    if _rest_of_a_capitals_heading(paragraph, line):
        return True
    # an opener in small letters ("thực hiện đề án nêu trên ...") is no sentence's start, nor a
    # label that closes the parenthesis the line above opened ("(khóa" / "XVII) THỰC HIỆN ...")
    if line.starts_block and not (line.label is None and _LOWER_START.match(text)) \
            and not closes_a_parenthesis(before, line):
        return False
    if before.endswith(":") and not blank and not head.heading and (
            _LOWER_START.match(text) or text[:1].isdigit()):
        return True  # "- Đến năm 2030:" / "tỷ lệ suy dinh dưỡng ...": a colon does not end the item
    if before.endswith(";") and not blank and _LOWER_START.match(text):
        return True  # "...Lạng Sơn;" / "phòng Lao động ...": a list of bodies or clauses wrapped at the margin
    if _TERMINAL.search(before[-8:]):
        return False
    if _LOWER_START.match(text):
        return True
    if blank:
        return False
    capitals = head.heading and all(part.upper for part in paragraph)
    if capitals and not line.upper and any(map(str.islower, text)):
        return False  # a heading in capitals, however long, ends where sentence case begins
    if head.heading and sum(len(part.text.split(maxsplit=15)) for part in paragraph[:3]) <= 14 \
            and not text[:1].isdigit():
        return all(part.upper for part in paragraph) and line.upper
    # a heading on a whole-paragraph line ends with it, unless a figure goes on ("... đến năm" / "2025")
    return not (head.heading and copy.whole_lines and not text[:1].isdigit())
