"""Block: one paragraph of the source as a reader saw it. Every reader returns `list[Block]`.

Nothing after the readers knows which format a plan came in: a Block carries the text, the
auto-numbering label a word processor shows but keeps out of the text, style hints, the table cell
it sits in, and where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kehoach.models import Source


@dataclass(frozen=True, slots=True)
class Style:
    bold: bool = False
    italic: bool = False
    centered: bool = False
    heading_level: int | None = None  # markdown "#" count or a Word heading style


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    line: int | None = None  # first source line (1-based)
    end_line: int | None = None
    page: int | None = None
    paragraph: int | None = None
    end_page: int | None = None  # the page end_line is on, for a paragraph across a page break
    label: str | None = None  # numbering a word processor renders but keeps out of the text
    style: Style = field(default_factory=Style)
    # (row, column) when the block sits in a table; in a PDF, a line split into columns (the row is
    # then an internal key, left out of the Source: page and line say where the block is)
    cell: tuple[int, int] | None = None
    blank_before: bool = False  # an empty line (or more) separates it from the previous block

    def source(self) -> Source:
        """Where the block is, with only the fields it has."""
        given: dict[str, int] = {}
        if self.line is not None:
            given["line"] = self.line
            given["end_line"] = self.end_line if self.end_line is not None else self.line
        elif self.end_line is not None:
            given["end_line"] = self.end_line
        if self.page is not None:
            given["page"] = self.page
        if self.end_page not in (None, self.page):
            given["end_page"] = self.end_page
        if self.paragraph is not None:
            given["paragraph"] = self.paragraph
        if self.cell:
            if self.page is None:  # a table's row; a PDF's row key is its layout's own (page and line say where)
                given["row"] = self.cell[0]
            given["column"] = self.cell[1]
        return Source(**given)

    def with_text(self, text: str) -> Block:
        return replace(self, text=text)

    def with_label(self, label: str | None) -> Block:
        return replace(self, label=label)

    def joined(self, other: Block, sep: str = " ") -> Block:
        """This block with `other` appended: one paragraph that a line break had cut in two."""
        line, end_line, end_page = span([self, other])
        return replace(
            self,
            text=f"{self.text}{sep}{other.text}" if self.text else other.text,
            line=line, end_line=end_line, end_page=end_page,
            style=Style(
                bold=self.style.bold and other.style.bold,
                italic=self.style.italic and other.style.italic,
                centered=self.style.centered,
                heading_level=self.style.heading_level,
            ),
        )


def span(blocks: list[Block]) -> tuple[int | None, int | None, int | None]:
    """(line, end_line, end_page) of blocks read as one paragraph: within a page the smallest and
    the largest line; across a page break, from the first block's line to the last block's."""
    first, last = blocks[0], blocks[-1]
    last_page = last.end_page if last.end_page is not None else last.page
    if last_page != first.page:
        end = last.end_line if last.end_line is not None else last.line
        return first.line, end, last_page
    starts = [b.line for b in blocks if b.line is not None]
    ends = [end for b in blocks if (end := b.end_line if b.end_line is not None else b.line) is not None]
    return (min(starts) if starts else first.line), (max(ends) if ends else first.end_line), None


def merge_sources(first: Source, last: Source) -> Source:
    """A source spanning from `first` to `last`."""
    end = last.end_line if last.end_line is not None else last.line
    return first.model_copy(update={"end_line": end if end is not None else first.end_line})
