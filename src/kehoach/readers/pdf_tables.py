"""Ruled tables on a PDF page: the grid a table's borders draw, and the cell each word stands in.

Nothing in a PDF marks a table cell but the borders drawn around it. Read as lines of text, a row
whose cells wrap over several lines becomes several lines that mix the columns ("1 trung bình của
một phụ nữ Con/phụ nữ 1,8"). So the page's borders are read too: its thin paths are rules, and
horizontal and vertical rules that meet make a grid. A word belongs to the cell its centre falls
in. A border missing between two cells of a row, or of a column, makes them one merged cell, whose
words go to its first (top left) cell, where a word processor keeps a merged cell's text.

Only a grid of three columns or more is read as a table: a two-column frame is a header's or a
signature's layout, which the line reader reads already (`lines.py`), as it does a table drawn
without vertical borders.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from kehoach.readers.pdf_text import Frame

RULE_WIDTH = 3.0  # points: a path no wider than this one way is a rule
RULE_LENGTH = 8.0  # points: shorter, it is a dash or a stroke of a drawing, not a border
NEAR = 3.0  # points: rules this close are one border, and a rule ending this close to another meets it
MIN_COLUMNS = 3
# rules of one direction on a page past which it is a drawing (a hatching, a chart), not a table:
# rules are paired to find where they meet, and a drawing's thousands would take seconds
MAX_RULES = 1000


@dataclass(frozen=True)
class Rule:
    """A border: across from `start` to `end` at height `at` (a horizontal rule), or down from
    `start` to `end` at `at` across (a vertical one), in points from the shown page's top left."""

    start: float
    end: float
    at: float

    def covers(self, position: float) -> bool:
        return self.start - NEAR <= position <= self.end + NEAR


@dataclass(frozen=True)
class Grid:
    """A ruled table: its column borders left to right, its row borders top to bottom, and the
    rules they are made of (to tell a merged cell by a border that is not drawn)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    horizontal: tuple[Rule, ...]
    vertical: tuple[Rule, ...]

    def holds(self, x: float, y: float) -> bool:
        return self.xs[0] - NEAR <= x <= self.xs[-1] + NEAR and self.ys[0] - NEAR <= y <= self.ys[-1] + NEAR

    def cell(self, x: float, y: float) -> tuple[int, int]:
        """The (row, column) of the cell a point of the grid stands in, a merged cell's first."""
        row = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        column = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        middle = (self.ys[row] + self.ys[row + 1]) / 2
        while column > 0 and not self._drawn(self.vertical, self.xs[column], middle):
            column -= 1
        centre = (self.xs[column] + self.xs[column + 1]) / 2
        while row > 0 and not self._drawn(self.horizontal, self.ys[row], centre):
            row -= 1
        return row, column

    @staticmethod
    def _drawn(rules: tuple[Rule, ...], at: float, along: float) -> bool:
        return any(abs(rule.at - at) <= NEAR and rule.covers(along) for rule in rules)


def page_rules(page, frame: Frame) -> tuple[list[Rule], list[Rule]]:
    """The page's horizontal and vertical rules: its thin paths (top-level ones: a path inside a
    form is placed by the form's own matrix), as the page shows them."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        left, low, right, high = path.get_bounds()
        x0, x1, top, bottom = frame.place(left, right, low, high)
        width, height = x1 - x0, bottom - top
        if height <= RULE_WIDTH and width >= RULE_LENGTH:
            horizontal.append(Rule(x0, x1, (top + bottom) / 2))
        elif width <= RULE_WIDTH and height >= RULE_LENGTH:
            vertical.append(Rule(top, bottom, (x0 + x1) / 2))
    return horizontal, vertical


def grids(horizontal: list[Rule], vertical: list[Rule]) -> list[Grid]:
    """The tables the rules draw: rules that meet, chained; those of three columns or more."""
    if len(horizontal) > MAX_RULES or len(vertical) > MAX_RULES:
        return []
    rules = [*horizontal, *vertical]
    group = list(range(len(rules)))

    def root(index: int) -> int:
        while group[index] != index:
            group[index] = group[group[index]]
            index = group[index]
        return index

    for i, h_rule in enumerate(horizontal):
        for j, v_rule in enumerate(vertical, start=len(horizontal)):
            if h_rule.covers(v_rule.at) and v_rule.covers(h_rule.at):
                group[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for index in range(len(rules)):
        members.setdefault(root(index), []).append(index)
    found = []
    for indexes in members.values():
        across = tuple(rules[i] for i in indexes if i < len(horizontal))
        down = tuple(rules[i] for i in indexes if i >= len(horizontal))
        xs, ys = _borders(rule.at for rule in down), _borders(rule.at for rule in across)
        if len(xs) > MIN_COLUMNS and len(ys) >= 2:
            found.append(Grid(xs, ys, across, down))
    return found


def _borders(positions: Iterable[float]) -> tuple[float, ...]:
    """Positions of rules, those closer than NEAR taken as one border."""
    merged: list[float] = []
    for position in sorted(positions):
        if merged and position - merged[-1] <= NEAR:
            continue
        merged.append(position)
    return tuple(merged)
