"""metrics: the quantities a target commits to.

Percentages and ranges ("70%", "3% - 5%", "60 - 80%"), counts with a unit ("từ 01 đến 03 mô hình",
"41,2 triệu cây xanh"), frequencies ("ít nhất 01 lần/quý", "một tháng một lần"), with the comparator
("ít nhất", "trên", "dưới", "trở lên"), the rate ("Hằng năm ... 20%"), the milestone year ("Đến năm
2017: 50%, năm 2020: 100%") and the direction ("tăng", "giảm") that govern them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from kehoach import grammar
from kehoach.cache import compile_regex
from kehoach.dates import FoundDate, first_date
from kehoach.grammar.schema import MetricsFile
from kehoach.models import Comparator, Direction, Metric
from kehoach.normalize.text import WHITESPACE, occurrences

# patterns used in loops, compiled once
_GROUPED_THOUSANDS = compile_regex(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")

_CLAUSE_BREAK = compile_regex(r"[;.](?:\s|$)|:\s")
_DIGITS = compile_regex(r"\d+")


@dataclass(slots=True)  # made for every quantity of every target: not frozen, which costs a call per field
class _Found:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    per: str | None = None


def parse_number(text: str) -> float:
    """"41,2" -> 41.2, "2.500" -> 2500, "01" -> 1, "một" -> 1."""
    words = grammar.metrics().number_words
    text = text.strip()
    if text.lower() in words:
        return float(words[text.lower()])
    if _GROUPED_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


@functools.cache
def _patterns():
    rules = grammar.metrics()
    words = "|".join(regex.escape(w) for w in sorted(rules.number_words, key=len, reverse=True))
    number = rules.number.pattern
    counted = rf"(?:{number}|(?<![\p{{L}}])(?i:{words}))"  # "hai mô hình", "ba lớp"
    units = "|".join(regex.escape(u).replace(r"\ ", r"[ \t]+") for u in sorted(rules.units, key=len, reverse=True))
    scales = "|".join(regex.escape(s) for s in rules.scales)
    joiner = rules.range_joiner.pattern
    percent_range = rf"(?P<a>{number})[ \t]*%?{joiner}(?P<b>{number})[ \t]*%"
    percent = rf"(?P<single>{number})[ \t]*%"
    unit = rf"(?P<unit>(?:(?:{scales})[ \t]+)?(?:{units}))(?!\p{{L}})"
    count_range = rf"(?P<a>{counted}){joiner}(?P<b>{counted})[ \t]+{unit}"
    count = rf"(?P<a>{counted})[ \t]+{unit}"
    ratio = rf"(?P<a>{number})[ \t]*(?P<unit>{rules.ratio_unit.pattern})"
    # a range and a single quantity as one alternation, the range first: one match call at each
    # place a number starts, where two would be made. Percentages, tried at every number of a
    # target, go to the faster standard engine when it reads the number's pattern; counts share
    # group names between their alternatives and need letters (\p{L}): `regex`.
    counts = grammar.compile_regex(f"{count_range}|{count}|{ratio}")
    return grammar.compile_pattern(f"{percent_range}|{percent}"), counts


def _count_starts(text: str, lowered: str, number_words) -> list[int]:
    """Where a count can begin: a run of digits, or a number word at the start of a word. Counts
    are tried only there, because running their long alternations at every position was most of
    the cost of a whole parse; the words are found by substring search, which runs in C."""
    starts = [match.start() for match in _DIGITS.finditer(text)]
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would not agree
        lowered = text
    words = occurrences(lowered, number_words, whole_words=True)
    return sorted(starts + words) if words else starts


def _inside(position: int, found: list[_Found]) -> bool:
    for quantity in found:  # noqa: SIM110 (a loop: any() over a generator costs more, per number of every target)
        if quantity.start <= position < quantity.end:
            return True
    return False


def _candidates(text: str, lowered: str, rules: MetricsFile) -> list[_Found]:
    found: list[_Found] = []
    for entry in rules.frequency:
        for match in entry.finditer(text, lowered=lowered):
            per = WHITESPACE.sub(" ", match.group("per"))
            found.append(_Found(match.start(), match.end(), parse_number(match.group("count")), None,
                                rules.frequency_unit, per))
    starts = _count_starts(text, lowered, rules.number_words)
    if not starts:
        return sorted(found, key=lambda f: f.start)
    percents, counts = _patterns()
    # A number (grammars/metrics.yaml) begins where a run of digits does, so percentages are tried
    # only there too, and only in text that has a "%"; counts are tried after them, only where no
    # quantity was found already (one that began inside it would be dropped anyway).
    if "%" in text:
        reached = 0
        for start in starts:
            if start < reached or not text[start].isdigit():
                continue
            match = percents.match(text, start)
            if match is not None:
                reached = match.end()
                _take(match, text, found, rules)
    reached = 0
    for start in starts:
        if start < reached or (found and _inside(start, found)):
            continue
        match = counts.match(text, start)
        if match is not None:
            reached = match.end()
            _take(match, text, found, rules)
    if len(found) > 1:
        found.sort(key=lambda f: f.start)
    return found


def _take(match, text: str, found: list[_Found], rules) -> None:
    """Keep a quantity matched at a number, unless it overlaps one found before it."""
    start, end = match.span()
    for quantity in found:
        if quantity.start <= start < quantity.end or start <= quantity.start < end:
            return
    groups = match.groupdict()
    b = groups.get("b")
    a = groups["a"] if groups["a"] is not None else groups.get("single")
    unit = groups.get("unit") or "%"
    if " " in unit or "\t" in unit:
        unit = WHITESPACE.sub(" ", unit)
    if unit in rules.weak_units and not _comparator(text, start, end, rules):
        return
    found.append(_Found(start, end, parse_number(a), parse_number(b) if b else None, unit))


def _clause_start(text: str, position: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    return breaks[-1] if breaks else 0


def _comparator(text: str, start: int, end: int, rules: MetricsFile) -> Comparator | None:
    before = text[max(0, start - 30):start]
    after = text[end:end + 20]
    for entry in rules.comparators:
        if entry.rx.search(before) or entry.after_rx.search(after):
            return entry.comparator
    return None


def _direction(text: str, lowered: str, start: int, clause: int, rules: MetricsFile) -> Direction | None:
    before = None
    for entry in rules.directions:
        if entry.possible(text, lowered):  # its words are nowhere in the text: not before the quantity either
            if before is None:
                before = text[max(clause, start - 60):start]
            if entry.rx.search(before):
                return entry.direction
    return None


def _per(text: str, lowered: str, start: int, clause: int, rules: MetricsFile) -> str | None:
    """"Hằng năm ... 20%": the last rate named in the clause before the quantity."""
    rates = list(rules.rate_period.finditer(text, clause, start, lowered=lowered))
    return WHITESPACE.sub(" ", rates[-1].group("per")) if rates else None


def _milestones(text: str, lowered: str, rules: MetricsFile) -> list[tuple[int, int | None]]:
    """(position, year) where a milestone ("Đến năm 2017") or a start ("Từ năm 2016", year None) stands."""
    marks: list[tuple[int, int | None]] = [(m.start(), int(m.group("year") or m.group("year2")))
                                           for m in rules.milestone.finditer(text, lowered=lowered)]
    marks += [(m.start(), None) for m in rules.start_year.finditer(text, lowered=lowered)]
    # both patterns start at "năm": where they meet ("Từ năm 2016, ..."), the start comes first
    return sorted(marks, key=lambda mark: (mark[0], mark[1] is not None))


def _deadlines(text: str, lowered: str, rules: MetricsFile) -> list[tuple[int, FoundDate]]:
    """(position, date) where a deadline stands ("Trước ngày 15/5/2024")."""
    marks = []
    for match in rules.deadline.finditer(text, lowered=lowered):
        date = first_date(text, match.end(), match.end() + 40)
        if date is not None and date.start - match.end() <= 5 and date.iso is not None:
            marks.append((match.start(), date))
    return marks


def read_metrics(text: str) -> list[Metric]:
    """Every quantity in a target's text, in order."""
    rules = grammar.metrics()
    lowered = text.lower()  # asked of several entries: lowered once
    candidates = _candidates(text, lowered, rules)
    if not candidates:
        return []
    marks = _milestones(text, lowered, rules)
    deadlines = _deadlines(text, lowered, rules)
    metrics = []
    for found in candidates:
        clause = _clause_start(text, found.start)
        comparator: Comparator = "range" if found.value_max is not None else (
            _comparator(text, found.start, found.end, rules) or "=")
        year = None
        for position, mark_year in marks:
            if position < found.start:
                year = mark_year
        due = None
        for position, date in deadlines:
            if position < found.start:
                due = date
        metrics.append(Metric(
            value=found.value,
            value_max=found.value_max,
            unit=found.unit,
            comparator=comparator,
            per=found.per or _per(text, lowered, found.start, clause, rules),
            year=due.year if due is not None and year is None else year,
            direction=_direction(text, lowered, found.start, clause, rules),
            text=text[found.start:found.end],
            due=due.iso if due is not None else None,
        ))
    return metrics


def opens_with_commitment(text: str) -> bool:
    """"100% các đơn vị ...", "Ít nhất 70% ...": an item that opens with a quantified commitment."""
    return _commitment_opening().search(text) is not None


@functools.cache
def _commitment_opening() -> regex.Pattern:
    """Looked up once: asked of every item of the plan that is not under a target section."""
    return grammar.metrics().commitment_opening.rx
