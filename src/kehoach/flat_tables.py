"""Tables a web page gives one cell a line, read back into rows.

A table copied from a web page often arrives as one cell a line: "1" / "Tỷ lệ người khuyết tật ..."
/ "%" / "80" / "90" / "2" / ... The row numbers 1, 2, 3 ... stand alone, a row's width apart; each
row's lines become its cells (row, column), as a `|` table's cells are, so that what follows reads
them as a table: its bare numbers are values, not page numbers, and its rows are indicator rows.
The header above row 1 stays as it is: its periods' years are no figures.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from kehoach.blocks import Block

_ROW_NUMBER = regex.compile(r"\d{1,3}")
_WIDEST_ROW = 8  # lines a row: a row number, an indicator, a unit and values for a few periods
_FIRST_ROWS = 3  # rows 1, 2 and 3 at the same distance: one row number alone could be anything


def unflatten_tables(blocks: list[Block]) -> list[Block]:
    """`blocks` with the lines of each table given one cell a line made into cells. A row the page
    cut short keeps the cells it has."""
    out = blocks
    start = 0
    while (run := _first_run(blocks, start)) is not None:
        first, width = run
        if out is blocks:
            out = list(blocks)
        row, at = 0, first
        while at < len(blocks) and blocks[at].cell is None and blocks[at].text.strip() == str(row + 1):
            for column in range(min(width, len(blocks) - at)):
                out[at + column] = replace(blocks[at + column], cell=(-1 - at, column))
            row, at = row + 1, at + width
        start = at
    return out


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
