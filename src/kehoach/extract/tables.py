"""Indicator tables: a row (indicator, unit, value per period) is a target, its text the indicator.

A table reaches the outline as cells, each its own paragraph with its place (row, column) in the
table. The indicator is the row's cell with the most words; the cell after it is the unit when the
unit column holds short cells; the cells after that hold the values, one metric for each figure,
followed by the quantities of the indicator itself ("ít nhất 5 bệnh bẩm sinh").
A header row ("STT | Chỉ tiêu | Đơn vị tính | ...") has no figure and gives no target; a value cell
that cites a document ("Theo chỉ tiêu tại Kế hoạch số 165/KH-UBND ...") gives a target without a
metric.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.extract.citations import mentions
from kehoach.extract.metrics import parse_number, read_metrics
from kehoach.models import Metric

_LETTERS = compile_regex(r"\p{L}")


@dataclass(frozen=True)
class Row:
    indicator: str
    block: Block
    metrics: list[Metric]
    refers_to: str | None = None  # a value cell that gives the figure by reference


def _words(text: str) -> int:
    return len(text.split()) if _LETTERS.search(text) else 0


def table_rows(blocks: Iterable[Block]) -> list[Row]:
    """The indicator rows of the tables among `blocks` (a section's paragraphs), in order."""
    rows: dict[int, list[Block]] = {}
    for block in blocks:
        if block.cell is not None:
            rows.setdefault(block.cell[0], []).append(block)
    ordered = [sorted(cells, key=lambda block: block.cell[1] if block.cell else 0) for cells in rows.values()]
    widest = [max(range(len(cells)), key=lambda index: _words(cells[index].text)) for cells in ordered]
    if not widest:
        return []
    # the indicator column: the widest cell in most rows (a row's value may cite a document at length)
    column = max(set(widest), key=widest.count)
    return [row for cells in ordered if (row := _row(cells, column)) is not None]


def _row(cells: list[Block], column: int) -> Row | None:
    if len(cells) < 3 or column >= len(cells):
        return None
    widest = column
    after = cells[widest + 1:]
    if _words(cells[widest].text) < 2 or not after or not any(map(str.isdigit, "".join(c.text for c in after))):
        return None  # a header row, or no value after the indicator
    unit = after[0].text.strip() if len(after) > 1 and _words(after[0].text) <= 8 else ""
    values = after[1:] if unit else after
    metrics: list[Metric] = []
    refers_to = None
    for cell in values:
        metrics += _cell_metrics(cell.text, unit.lower() if unit != "%" else unit)
        refers_to = refers_to or next((m.number for m in mentions(cell.text) if m.number), None)
    # the indicator's own quantities qualify it ("tầm soát ít nhất 5 bệnh bẩm sinh"): they are part of
    # what is committed to, and a child that drops "ít nhất" from them weakens it
    metrics += read_metrics(cells[widest].text)
    return Row(cells[widest].text.strip(" .;"), cells[widest], metrics, refers_to)


def _cell_metrics(text: str, unit: str) -> list[Metric]:
    """The figures of a value cell, in the row's unit ("70" with "%", "Giảm 50; giảm 60" with "%").
    A cell that cites a document has none: its numbers are the document's."""
    if mentions(text):
        return []
    number = grammar.metrics().number.rx
    if unit == "%":
        return read_metrics(number.sub(lambda found: f"{found.group()}%", text))
    found = read_metrics(f"{text} {unit}") if unit else read_metrics(text)
    if found:
        return found
    return [Metric(value=parse_number(match.group()), unit=unit.lower(), text=match.group())
            for match in number.finditer(text)]
