"""Is a child's target the parent's, weaker, or stronger? Metric by metric.

Higher is better unless the target decreases something or bounds it from above ("giảm ... xuống
dưới 1%"). "ít nhất" (>=) commits to more than a bare figure; a more frequent report is stronger
(lần/tháng > lần/quý); an earlier milestone year is stronger. A figure the child drops weakens it.
"""

from __future__ import annotations

from kehoach import grammar
from kehoach.models import Metric, TargetStatus

COMPARATOR_WORDS = {">=": "ít nhất ", "<=": "tối đa ", "=": "", "range": ""}


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def describe(metric: Metric) -> str:
    """"ít nhất 01 lần/quý", "70%", "năm 2020: 100%", "3-5%"."""
    value = _number(metric.value)
    if metric.comparator == "range" and metric.value_max is not None:
        value = f"{value}-{_number(metric.value_max)}"
    unit = metric.unit if metric.unit == "%" else f" {metric.unit}"
    text = f"{COMPARATOR_WORDS.get(metric.comparator, '')}{value}{unit}"
    if metric.per:
        text += f"/{metric.per}"
    if metric.year:
        text = f"năm {metric.year}: {text}"
    return text


def _lower_is_better(metric: Metric) -> bool:
    return metric.direction == "decrease" or metric.comparator == "<="


def _pair(parents: list[Metric], children: list[Metric]) -> list[tuple[Metric, Metric | None]]:
    """Each parent metric with the child metric of the same kind (unit, rate) in the same order."""
    free = list(children)
    pairs = []
    for parent in parents:
        same = [c for c in free if c.unit == parent.unit and bool(c.per) == bool(parent.per)]
        if parent.year:
            same = sorted(same, key=lambda c: c.year != parent.year)
        chosen = same[0] if same else None
        if chosen is not None:
            free.remove(chosen)
        pairs.append((parent, chosen))
    return pairs


def _verdicts(parent: Metric, child: Metric) -> list[tuple[int, str]]:
    """(+1 stronger / -1 weaker, detail) for each way the child's metric differs from the parent's."""
    out: list[tuple[int, str]] = []
    sign = -1 if _lower_is_better(parent) else 1
    if child.value != parent.value or child.value_max != parent.value_max:
        low = (child.value - parent.value) * sign
        high = ((child.value_max or child.value) - (parent.value_max or parent.value)) * sign
        verdict = 1 if low >= 0 and high >= 0 else -1 if low <= 0 and high <= 0 else 0
        out.append((verdict, f"{describe(parent)} -> {describe(child)}"))
    # a bound added or dropped says more or less only of the same figure: "ít nhất 70%" for "100%" is
    # weaker by its figure, whatever "ít nhất" adds
    if child.comparator != parent.comparator and "range" not in (child.comparator, parent.comparator) \
            and child.value == parent.value:
        bound = "<=" if sign < 0 else ">="
        if parent.comparator == bound and child.comparator == "=":
            word = COMPARATOR_WORDS[bound].strip()
            out.append((-1, f"{word} dropped: {parent.comparator} {describe_bare(parent)} -> {describe_bare(child)}"))
        elif child.comparator == bound and parent.comparator == "=":
            out.append((1, f"{COMPARATOR_WORDS[bound].strip()} added: {describe(parent)} -> {describe(child)}"))
        else:
            out.append((0, f"{describe(parent)} -> {describe(child)}"))
    if child.per != parent.per and parent.per and child.per:
        ranks = grammar.metrics().period_ranks
        verdict = 1 if ranks.get(child.per, 0) > ranks.get(parent.per, 0) else -1
        out.append((verdict, f"{describe(parent)} -> {describe(child)}"))
    if child.year != parent.year and parent.year:
        verdict = 0 if child.year is None else (1 if child.year < parent.year else -1)
        out.append((verdict, f"năm {parent.year} -> {f'năm {child.year}' if child.year else 'không nêu năm'}"))
    elif child.due != parent.due and child.year == parent.year and child.due is not None:
        # within the same year, a date is earlier than the year's end, and an earlier date is stronger
        verdict = 1 if parent.due is None or child.due < parent.due else -1
        out.append((verdict, f"{_when(parent)} -> {_when(child)}"))
    return out


def _when(metric: Metric) -> str:
    if metric.due:
        year, month, day = metric.due.split("-")
        return f"trước ngày {int(day)}/{int(month)}/{year}"
    return f"năm {metric.year}"


def describe_bare(metric: Metric) -> str:
    plain = metric.model_copy(update={"comparator": "="})
    return describe(plain)


def compare(parents: list[Metric], children: list[Metric]) -> tuple[TargetStatus, str]:
    """(status, detail) of a child target against its parent: kept, weakened, strengthened, changed."""
    verdicts: list[tuple[int, str]] = []
    for parent, child in _pair(parents, children):
        if child is None:
            verdicts.append((-1, f"{describe(parent)} dropped"))
        else:
            verdicts += _verdicts(parent, child)
    if not verdicts:
        return "kept", ""
    details = "; ".join(dict.fromkeys(detail for _, detail in verdicts))
    signs = {verdict for verdict, _ in verdicts}
    if signs == {-1}:
        return "weakened", details
    if signs == {1}:
        return "strengthened", details
    return "changed", details
