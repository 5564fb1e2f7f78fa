"""Tables a web page gives one cell a line, read back into rows.

A table copied from a web page often arrives as one cell a line: "1" / "Tỷ lệ người khuyết tật ..."
/ "%" / "80" / "90" / "2" / ... The row numbers 1, 2, 3 ... stand alone, a row's width apart; each
row's lines become its cells (row, column), as a `|` table's cells are, so that what follows reads
them as a table: its bare numbers are values, not page numbers, and its rows are indicator rows.
The header above row 1 stays as it is: its periods' years are no figures; a last row the page cut
short stays lines too.
"""

from __future__ import annotations

from dataclasses import replace

from kehoach.blocks import Block
from kehoach.cache import compile_regex

_ROW_NUMBER = compile_regex(r"\d{1,3}")
_WIDEST_ROW = 8  # lines a row: a row number, an indicator, a unit and values for a few periods
_FIRST_ROWS = 3  # rows 1, 2 and 3 at the same distance: one row number alone could be anything
_VALUE_WORDS = 4  # a value cell: "90", "1.500", "Theo kế hoạch"


def unflatten_tables(blocks: list[Block]) -> list[Block]:
    """`blocks` with the lines of each table given one cell a line made into cells: each whole row,
    one followed by the next row's number or ending in a short value. A row the page cut short is
    left as lines."""
    out = blocks
    start = 0
    while (run := _first_run(blocks, start)) is not None:
        first, width = run
        if out is blocks:
            out = list(blocks)
        row, at = 0, first
        while _row_starts(blocks, at, row + 1) and (_row_starts(blocks, at + width, row + 2)
                                                     or _ends_with_a_value(blocks, at, width)):
            for column in range(width):
                out[at + column] = replace(blocks[at + column], cell=(-1 - at, column))
            row, at = row + 1, at + width
        start = at + 1
    return out


def _ends_with_a_value(blocks: list[Block], at: int, width: int) -> bool:
    """The table's last row is whole when its last cell is a short value ("90"), not the text after
    the table that a row cut short would take in."""
    return at + width <= len(blocks) and len(blocks[at + width - 1].text.split()) <= _VALUE_WORDS


def _row_starts(blocks: list[Block], at: int, number: int) -> bool:
    return at < len(blocks) and blocks[at].cell is None and blocks[at].text.strip() == str(number)


def _first_run(blocks: list[Block], start: int) -> tuple[int, int] | None:
    """(index of row 1, row width) of the first table from `start`, or None."""
    run: list[int] = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        text = block.text.strip()
        if block.cell is not None or not _ROW_NUMBER.fullmatch(text):
            continue
        number = int(text)
        if number == len(run) + 1 and (len(run) < 2 or index - run[-1] == run[1] - run[0]) and (
                not run or 3 <= index - run[-1] <= _WIDEST_ROW):
            run.append(index)
        elif number == 1:
            run = [index]
        if len(run) == _FIRST_ROWS:
            return run[0], run[1] - run[0]
    return None
