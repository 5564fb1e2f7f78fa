"""Vietnamese dates: "ngày 26 tháng 01 năm 2022" (day or month may be blank) and "29/12/2021"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from kehoach import grammar
from kehoach.normalize.text import WHITESPACE


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    day: int | None
    month: int | None
    year: int
    text: str  # as printed, white space collapsed

    @property
    def iso(self) -> str | None:
        """ISO date, or None when the day or month is blank or the date does not exist."""
        if self.day is None or self.month is None:
            return None
        try:
            return datetime.date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _pattern() -> regex.Pattern:
    return grammar.header().date.rx


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    found = []
    for match in _pattern().finditer(text, start, len(text) if end is None else end):
        if match.group("words"):
            day, month, year = match.group("d1"), match.group("m1"), match.group("y1")
        else:
            day, month, year = match.group("d2"), match.group("m2"), match.group("y2")
        day_i = int(WHITESPACE.sub("", day)) if day else None  # "0 6": a stray space inside
        month_i = int(WHITESPACE.sub("", month)) if month else None
        if (day_i is not None and not 1 <= day_i <= 31) or (month_i is not None and not 1 <= month_i <= 12):
            continue
        found.append(FoundDate(match.start(), match.end(), day_i, month_i, int(year),
                               WHITESPACE.sub(" ", match.group()).strip()))
    return found


def first_date(text: str, start: int = 0, end: int | None = None) -> FoundDate | None:
    dates = find_dates(text, start, end)
    return dates[0] if dates else None
