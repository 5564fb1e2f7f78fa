"""Tables a web page gives one cell a line, read back into rows.

A table copied from a web page often arrives as one cell a line: "1" / "Tỷ lệ người khuyết tật ..."
/ "%" / "80" / "90" / "2" / ... The row numbers 1, 2, 3 ... stand alone, a row's width apart; each
row's lines become its cells (row, column), as a `|` table's cells are, so that what follows reads
them as a table: its bare numbers are values, not page numbers, and its rows are indicator rows.
Where the copy puts a blank line between cells and wraps a long cell over lines ("Tỷ lệ người
khuyết tật tiếp cận các dịch vụ y tế dưới các hình thức" / "khác nhau."), a cell is the run of
lines between two blank lines, and each of its lines gets the cell (the paragraphs stage joins
them: `same_wrapped_cell`). The header above row 1 stays as it is: its periods' years are no
figures; a last row the page cut short stays lines too.
"""

from __future__ import annotations

from dataclasses import replace

from kehoach.blocks import Block
from kehoach.cache import compile_regex

_ROW_NUMBER = compile_regex(r"\d{1,3}")
_WIDEST_ROW = 8  # cells a row: a row number, an indicator, a unit and values for a few periods
_FIRST_ROWS = 3  # rows 1, 2 and 3 at the same distance: one row number alone could be anything
_VALUE_WORDS = 4  # a value cell: "90", "1.500", "Theo kế hoạch"

CellLines = list[int]  # the indices of the blocks (lines) that make one cell


def unflatten_tables(blocks: list[Block]) -> list[Block]:
    """`blocks` with the lines of each table given one cell a line, or one cell a run of lines
    between blank lines, made into cells: each whole row, one followed by the next row's number
    or ending in a short value. A row the page cut short is left as lines."""
    # runs between blank lines first: where blank lines part the cells, a wrapped cell's lines
    # counted one by one would make rows of the wrong width
    runs = _runs_between_blank_lines(blocks)
    out = _unflatten(blocks, runs) if len(runs) < len(blocks) else blocks
    return _unflatten(out, [[index] for index in range(len(out))])


def same_wrapped_cell(first: Block, second: Block) -> bool:
    """Two lines of one cell of a table read back here (a long cell the copy wrapped)."""
    return first.cell is not None and first.cell == second.cell and first.cell[0] < 0


def _runs_between_blank_lines(blocks: list[Block]) -> list[CellLines]:
    runs: list[CellLines] = []
    for index, block in enumerate(blocks):
        if runs and not block.blank_before and block.cell is None and blocks[runs[-1][-1]].cell is None:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _unflatten(blocks: list[Block], cells: list[CellLines]) -> list[Block]:
    out = blocks
    texts = [" ".join(blocks[index].text for index in cell) for cell in cells]
    free = [all(blocks[index].cell is None for index in cell) for cell in cells]
    start = 0
    while (run := _first_run(texts, free, start)) is not None:
        first, width = run
        if out is blocks:
            out = list(blocks)
        row, at = 0, first
        while _row_starts(texts, free, at, row + 1) and (_row_starts(texts, free, at + width, row + 2)
                                                         or _ends_with_a_value(texts, at, width)):
            for column in range(width):
                for index in cells[at + column]:
                    out[index] = replace(blocks[index], cell=(-1 - cells[at][0], column))
            row, at = row + 1, at + width
        start = at + 1
    return out


def _ends_with_a_value(texts: list[str], at: int, width: int) -> bool:
    """The table's last row is whole when its last cell is a short value ("90"), not the text after
    the table that a row cut short would take in."""
    return at + width <= len(texts) and len(texts[at + width - 1].split()) <= _VALUE_WORDS


def _row_starts(texts: list[str], free: list[bool], at: int, number: int) -> bool:
    return at < len(texts) and free[at] and texts[at].strip() == str(number)


def _first_run(texts: list[str], free: list[bool], start: int) -> tuple[int, int] | None:
    """(index of row 1, row width) of the first table from `start`, or None."""
    run: list[int] = []
    for index in range(start, len(texts)):
        text = texts[index].strip()
        if not free[index] or not _ROW_NUMBER.fullmatch(text):
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
