"""metrics: the quantities a target commits to.

Percentages and ranges ("70%", "3% - 5%", "60 - 80%"), counts with a unit ("từ 01 đến 03 mô hình",
"41,2 triệu cây xanh"), frequencies ("ít nhất 01 lần/quý", "một tháng một lần"), with the comparator
("ít nhất", "trên", "dưới", "trở lên"), the rate ("Hằng năm ... 20%"), the milestone year ("Đến năm
2017: 50%, năm 2020: 100%") and the direction ("tăng", "giảm") that govern them.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import regex

from kehoach import grammar
from kehoach.models import Metric
from kehoach.normalize import WHITESPACE, lower

# patterns used in loops, compiled once
_GROUPED_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")

_CLAUSE_BREAK = regex.compile(r"[;.](?:\s|$)|:\s")
_DIGITS = regex.compile(r"\d+")


@dataclass(frozen=True)
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
    joiner = r"[ \t]*(?:-|–|(?i:đến|tới))[ \t]*"
    percent_range = rf"(?P<a>{number})[ \t]*%?{joiner}(?P<b>{number})[ \t]*%"
    percent = rf"(?P<single>{number})[ \t]*%"
    unit = rf"(?P<unit>(?:(?:{scales})[ \t]+)?(?:{units}))(?!\p{{L}})"
    count_range = rf"(?P<a>{counted}){joiner}(?P<b>{counted})[ \t]+{unit}"
    count = rf"(?P<a>{counted})[ \t]+{unit}"
    # a range and a single quantity as one alternation, the range first: one match call at each
    # place a number starts, where two would be made. Percentages, tried at every number of a
    # target, go to the faster standard engine when it reads the number's pattern; counts share
    # group names between their alternatives and need letters (\p{L}): `regex`.
    return grammar.compile_pattern(f"{percent_range}|{percent}"), regex.compile(f"{count_range}|{count}")


def _count_starts(text: str) -> list[int]:
    """Where a count can begin: a run of digits, or a number word at the start of a word. Counts
    are tried only there, because running their long alternations at every position was most of
    the cost of a whole parse; the words are found by substring search, which runs in C."""
    starts = [match.start() for match in _DIGITS.finditer(text)]
    lowered = lower(text)
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would not agree
        lowered = text
    for word in grammar.metrics().number_words:
        at = lowered.find(word)
        while at != -1:
            after = lowered[at + len(word):at + len(word) + 1]
            if (at == 0 or not lowered[at - 1].isalpha()) and not after.isalpha():  # a whole word
                starts.append(at)
            at = lowered.find(word, at + 1)
    return sorted(starts)


def _anchored(pattern: regex.Pattern, text: str, starts: list[int]):
    """`pattern.finditer(text)` for a pattern that can only begin at one of `starts`."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            end = match.end()
            yield match


def _free(starts: list[int], found: list[_Found]):
    """The starts outside what was found so far, read when the counts are tried (after the
    percentages): a count that began inside a quantity already found would be dropped anyway."""
    for start in starts:
        if not any(f.start <= start < f.end for f in found):
            yield start


def _candidates(text: str) -> list[_Found]:
    rules = grammar.metrics()
    found: list[_Found] = []
    for entry in rules.frequency:
        for match in entry.finditer(text):
            per = WHITESPACE.sub(" ", match.group("per"))
            found.append(_Found(match.start(), match.end(), parse_number(match.group("count")), None, "lần", per))
    percents, counts = _patterns()
    starts = _count_starts(text)
    if not starts:
        return sorted(found, key=lambda f: f.start)
    # A number (grammars/metrics.yaml) begins where a run of digits does, so percentages are tried
    # only there too, and only in text that has a "%".
    digit_starts = [start for start in starts if text[start].isdigit()]
    found_percents = _anchored(percents, text, digit_starts) if "%" in text else ()
    for match in itertools.chain(found_percents, _anchored(counts, text, _free(starts, found))):
        if any(f.start <= match.start() < f.end or match.start() <= f.start < match.end() for f in found):
            continue
        groups = match.groupdict()
        b = groups.get("b")
        a = groups["a"] if groups["a"] is not None else groups.get("single")
        unit = groups.get("unit") or "%"
        if " " in unit or "\t" in unit:
            unit = WHITESPACE.sub(" ", unit)
        if unit in rules.weak_units and not _comparator(text, match.start(), match.end()):
            continue
        found.append(_Found(match.start(), match.end(), parse_number(a), parse_number(b) if b else None, unit))
    return sorted(found, key=lambda f: f.start)


def _clause_start(text: str, position: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    return breaks[-1] if breaks else 0


def _comparator(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 30):start]
    after = text[end:end + 20]
    for entry in grammar.metrics().comparators:
        if entry.rx.search(before) or entry.after_rx.search(after):
            return entry.comparator
    return None


def _direction(text: str, start: int, clause: int) -> str | None:
    before = text[max(clause, start - 60):start]
    for entry in grammar.metrics().directions:
        if entry.rx.search(before):
            return entry.direction
    return None


def _per(text: str, start: int, clause: int) -> str | None:
    """"Hằng năm ... 20%": the last rate named in the clause before the quantity."""
    rates = list(grammar.metrics().rate_period.finditer(text, clause, start))
    return rates[-1].group("per") if rates else None


def _milestones(text: str) -> list[tuple[int, int | None]]:
    """(position, year) where a milestone ("Đến năm 2017") or a start ("Từ năm 2016", year None) stands."""
    rules = grammar.metrics()
    marks = [(m.start(), int(m.group("year") or m.group("year2"))) for m in rules.milestone.finditer(text)]
    marks += [(m.start(), None) for m in rules.start_year.finditer(text)]
    # both patterns start at "năm": where they meet ("Từ năm 2016, ..."), the start comes first
    return sorted(marks, key=lambda mark: (mark[0], mark[1] is not None))


def read_metrics(text: str) -> list[Metric]:
    """Every quantity in a target's text, in order."""
    candidates = _candidates(text)
    if not candidates:
        return []
    marks = _milestones(text)
    metrics = []
    for found in candidates:
        clause = _clause_start(text, found.start)
        comparator = "range" if found.value_max is not None else (_comparator(text, found.start, found.end) or "=")
        year = None
        for position, mark_year in marks:
            if position < found.start:
                year = mark_year
        metrics.append(Metric(
            value=found.value,
            value_max=found.value_max,
            unit=found.unit,
            comparator=comparator,
            per=found.per or _per(text, found.start, clause),
            year=year,
            direction=_direction(text, found.start, clause),
            text=text[found.start:found.end],
        ))
    return metrics


def opens_with_commitment(text: str) -> bool:
    """"100% các đơn vị ...", "Ít nhất 70% ...": an item that opens with a quantified commitment."""
    return grammar.metrics().commitment_opening.rx.search(text) is not None
