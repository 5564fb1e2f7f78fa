"""Positioned lines of a page, from a PDF's text layer or from OCR, made into Blocks.

The geometry both page readers share (`pdf.py` for text layers, `ocr.py` for scans):
- a line whose words leave one gap much wider than the others holds two columns (the issuer and
  the motto of a header, the recipients and the signature of a footer): each column is a Block of
  its own, with its column;
- a line starts a new paragraph (blank_before) when the line above ended short of the right
  margin, when it stands apart vertically, or when it is indented; otherwise the layout stage may
  join it; a line that starts with "- " only because a name's dash wrapped there is joined at once;
- lines repeated at the top or bottom of several pages (running headers and footers) and page
  numbers are dropped;
- lines a legacy font wrote (TCVN3, VNI) are converted to Unicode.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from kehoach.blocks import Block, Style
from kehoach.cache import compile_regex
from kehoach.diagnostics import Diagnostics
from kehoach.normalize.text import clean

MARGIN_SHARE = 0.08  # top and bottom share of a page where running headers and footers live
MAX_COLUMNS = 16  # a header or signature row has two, a table row a handful
_DIGITS = compile_regex(r"\d+")
_PAGE_NUMBER = compile_regex(r"^[-–\s]*(?:(?i:trang)\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$")


@dataclass
class Line:
    page: int
    index: int  # 1-based line number on its page
    top: float
    bottom: float
    x0: float
    x1: float
    segments: list[tuple[str, float, float, bool]] = field(default_factory=list)  # text, x0, x1, bold
    page_width: float = 0.0
    page_height: float = 0.0
    # a ruled table's row (`pdf_tables`) instead of segments: each cell's column, text and boldness,
    # its lines joined; the row runs from line `index` to `end_index`
    cells: list[tuple[int, str, bool]] = field(default_factory=list)
    end_index: int | None = None
    end_page: int | None = None  # a row a page break cut, joined again: the page its end_index is on

    @property
    def text(self) -> str:
        if self.cells:
            return " ".join(cell[1] for cell in self.cells)
        return " ".join(s[0] for s in self.segments)


class Positioned(Protocol):
    """A word with its place on the line: OCR's words are dicts, a text layer's `pdf_text.Word`."""

    def __getitem__(self, key: str, /) -> Any: ...


W = TypeVar("W", bound=Positioned)


def split_row_columns(words: list[W]) -> list[list[W]]:
    """Words of one line, cut where one gap is much wider than the line's usual spacing.

    A loop, not a recursion, and at most MAX_COLUMNS cuts: a line of thousands of words with
    shrinking gaps would otherwise nest a call, and compute a median, per word."""
    columns: list[list[W]] = []
    rest = words
    while len(rest) >= 4 and len(columns) < MAX_COLUMNS:
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(rest)]
        usual = statistics.median(gaps)
        widest = max(gaps)
        cut = gaps.index(widest) + 1
        if not (widest >= max(6.0, 1.9 * max(usual, 0.5)) and cut >= 2 and len(rest) - cut >= 1):
            break
        columns.append(rest[:cut])
        rest = rest[cut:]
    columns.append(rest)
    return columns


def _running_key(line: Line) -> str:
    return _DIGITS.sub("#", clean(line.text).lower())


def drop_running_lines(pages: list[list[Line]], diagnostics: Diagnostics) -> list[list[Line]]:
    """Page numbers and lines repeated in the top or bottom margin of several pages."""
    def in_margin(line: Line) -> bool:
        return line.top < line.page_height * MARGIN_SHARE or line.bottom > line.page_height * (1 - MARGIN_SHARE)

    repeated = Counter(_running_key(line) for lines in pages for line in lines if in_margin(line))
    kept_pages = []
    dropped = 0
    for lines in pages:
        kept = []
        for line in lines:
            running = len(pages) > 2 and repeated[_running_key(line)] > 1 and len(line.text) < 120
            if in_margin(line) and (_PAGE_NUMBER.match(line.text) or running):
                dropped += 1
                continue
            kept.append(line)
        kept_pages.append(kept)
    if dropped:
        diagnostics.warn("page_number_removed", f"{dropped} page number(s) or running header/footer line(s) left out")
    return kept_pages


_CLOSING = set(".;:!?)…\"”")


def wrapped_at_dash(previous: Line | None, line: Line, right: float) -> bool:
    """Whether `line` starts with "- " only because a spaced dash inside a name fell at the start of
    a line ("... phối hợp với Phòng Lao động / - Thương binh và Xã hội huyện ..."), and is no
    list item: the line above stops on a word, not on punctuation, and ran so close to the right
    margin that the dash and the word after it could not have stood at its end. The two lines are
    one above the other (a signature's line beside a list of recipients is not the line above)."""
    if previous is None or len(previous.segments) != 1 or len(line.segments) != 1:
        return False
    if line.top < previous.bottom - 1 or previous.x0 > (line.x0 + right) / 2:
        return False
    text, above = line.text, previous.text.rstrip()
    if not text.startswith("- ") or not above or above[-1] in _CLOSING or not above[-1].isalnum():
        return False
    width_per_char = (line.x1 - line.x0) / max(len(text), 1)
    dash_and_word = len(" ".join(text.split(" ", 2)[:2])) + 1  # the space before the dash too
    return right - previous.x1 < dash_and_word * width_per_char


def _first_word_fitted(previous: Line, line: Line, right: float) -> bool:
    """The first word of `line` (and a space) would have fitted at the end of `previous`."""
    width_per_char = (previous.x1 - previous.x0) / max(len(previous.text), 1)
    first = line.text.split(maxsplit=1)[0] if line.text.strip() else ""
    return right - previous.x1 > (len(first) + 1) * width_per_char


def lines_to_blocks(pages: list[list[Line]]) -> list[Block]:
    """Blocks from positioned lines: columns as cells, paragraph starts marked by geometry."""
    blocks: list[Block] = []
    full = [line for lines in pages for line in lines if len(line.segments) == 1]
    left = statistics.median([line.x0 for line in full]) if full else 0.0
    right = max((line.x1 for line in full), default=0.0)
    heights = [line.bottom - line.top for line in full] or [12.0]
    height = statistics.median(heights)
    previous: Line | None = None
    for lines in pages:
        for line in lines:
            if line.cells:
                blocks.extend(_row_blocks(line))
                previous = line
                continue
            new_paragraph = False
            if previous is not None and previous.page == line.page and len(previous.segments) == 1:
                gap = line.top - previous.bottom
                # short of the margin, by more than the next line's first word: a line that wraps
                # stops where that word did not fit (a justified line can still fall short by it)
                ended_short = previous.x1 < right - 4 * height and _first_word_fitted(previous, line, right)
                # a first line indented and running to the right margin; a centred line is neither
                # (not under a line indented itself: "4. Huy động ..." set in from the margin, its
                # next lines further in)
                indented = line.x0 > left + 1.2 * height and line.x1 > right - 4 * height and not ended_short \
                    and previous.x0 <= left + 1.2 * height
                new_paragraph = gap > 0.9 * height or ended_short or indented
            elif previous is not None and (len(previous.segments) > 1 or previous.cells):
                new_paragraph = True
            if blocks and not new_paragraph and wrapped_at_dash(previous, line, right):
                blocks[-1] = blocks[-1].joined(Block(text=line.text, line=line.index, end_line=line.index,
                                                     page=line.page))
                previous = line
                continue
            two_columns = len(line.segments) > 1
            # a line that starts right of the text's centre stands in the right column (a signer's name)
            right_only = not two_columns and line.x0 > (left + right) / 2 if right > left else False
            for column, (text, x0, _x1, bold) in enumerate(line.segments):
                text = text.strip()  # as written: the normalize stage cleans it
                if not text:
                    continue
                cell = None
                if two_columns:
                    cell = (line.page * 10000 + line.index, column if x0 < (left + right) / 2 else 1)
                elif right_only:
                    cell = (line.page * 10000 + line.index, 1)
                blocks.append(Block(text=text, line=line.index, end_line=line.index, page=line.page,
                                    style=Style(bold=bold), cell=cell,
                                    blank_before=new_paragraph and column == 0))
            previous = line
    return blocks


def _row_blocks(line: Line) -> list[Block]:
    """A ruled table's row: a Block per cell, as a word processor's table gives them."""
    return [Block(text=text, line=line.index, end_line=line.end_index or line.index, page=line.page,
                  end_page=line.end_page, style=Style(bold=bold), cell=(line.page * 10000 + line.index, column),
                  blank_before=column == first)
            for first in [line.cells[0][0]] for column, text, bold in line.cells]


def join_rows_cut_by_pages(pages: list[list[Line]]) -> list[list[Line]]:
    """A table row a page break cut in two, joined again: a page that opens with a row of the same
    table (the same outer borders) as the one the page before ended on, with nothing in the
    column that row starts with (the row's number: every row of such a table has one), holds the
    rest of that row's cells."""
    for before, page in itertools.pairwise(pages):
        if not before or not page:
            continue
        last, first = before[-1], page[0]
        if not (last.cells and first.cells) or abs(last.x0 - first.x0) > 3 or abs(last.x1 - first.x1) > 3:
            continue
        if first.cells[0][0] <= last.cells[0][0]:
            continue
        texts = {column: (text, bold) for column, text, bold in last.cells}
        for column, text, bold in first.cells:
            above, was_bold = texts.get(column, ("", bold))
            texts[column] = (f"{above} {text}".strip(), was_bold and bold)
        last.cells = [(column, text, bold) for column, (text, bold) in sorted(texts.items())]
        last.end_page, last.end_index = first.page, first.end_index or first.index
        page.pop(0)
    return pages


def pages_to_blocks(pages: list[list[Line]], diagnostics: Diagnostics) -> list[Block]:
    """The Blocks of positioned pages, from a PDF or a picture: running lines dropped, lines made
    Blocks, legacy lines converted."""
    return convert_legacy_blocks(lines_to_blocks(join_rows_cut_by_pages(drop_running_lines(pages, diagnostics))),
                                 diagnostics)


def convert_legacy_blocks(blocks: list[Block], diagnostics: Diagnostics) -> list[Block]:
    """Lines a PDF's text layer holds in TCVN3 or VNI (a legacy font that maps its bytes to Latin
    letters) converted to Unicode as a text file's lines are: each block a line of one text, so
    that short lines are judged with the rest of the document."""
    from kehoach.normalize.encodings import convert_text

    if all(block.text.isascii() for block in blocks):
        return blocks
    text, converted = convert_text("\n".join(block.text for block in blocks))
    if not converted:
        return blocks
    out = [block if new == block.text else block.with_text(new)
           for block, new in zip(blocks, text.split("\n"), strict=True)]
    if converted:
        diagnostics.warn("legacy_encoding", f"{converted} line(s) in TCVN3 or VNI converted to Unicode")
    return out
