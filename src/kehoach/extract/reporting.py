"""reporting: the reports a plan asks for, their period, deadline and recipient.

"báo cáo 6 tháng gửi trước ngày 25/6, báo cáo năm trước ngày 25/12" gives two duties; a period
named without a deadline ("định kỳ 6 tháng, hàng năm tổng hợp, báo cáo UBND tỉnh") gives undated
duties; a report with a deadline and no period ("Báo cáo kết quả ... trước ngày 10/11/2023") is a
one-off duty (period "other").
"""

from __future__ import annotations

import bisect
import functools

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.models import Period, Reporting

_WINDOW = 90
_SENTENCE = compile_regex(r"[^.]+(?:\.(?!\s+\p{Lu})[^.]*)*")
_WORD_START = compile_regex(r"(?<![\p{L}\d])(?=[\p{L}\d])")


@functools.cache
def _any_period() -> grammar.FirstOf:
    return grammar.FirstOf(grammar.reporting().periods)


def _period_at(text: str, position: int) -> tuple[Period, int] | None:
    periods = _any_period()  # one match for all the periods; the first that matches wins
    match = periods.rx.match(text[position:])
    if match is None:
        return None
    return periods.which(match).period, position + match.end()


def _periods_after_report_word(text: str, lowered: str, start: int, end: int) -> list[tuple[Period, int, int, str]]:
    """(period, start, end, own text) of the periods named after "báo cáo" / "định kỳ": "6 tháng,
    năm, sơ kết" gives three, each with its own text: "báo cáo 6 tháng", "báo cáo năm", "báo cáo
    sơ kết" (not "báo cáo 6 tháng, năm" for the second)."""
    found: list[tuple[Period, int, int, str]] = []
    for word in grammar.reporting().report_word.finditer(text, start, end, lowered=lowered):
        position = word.end()
        while True:
            period = _period_at(text, position)
            if period is None:
                break
            own = (text[word.start():period[1]] if not found or found[-1][1] != word.start()
                   else f"{word.group().strip()} {text[position:period[1]].strip()}")
            found.append((period[0], word.start(), period[1], own))  # the duty's text starts at "báo cáo"
            separator = grammar.reporting().list_separator.rx.match(text[period[1]:])
            if separator is None:
                break
            position = period[1] + separator.end()
    return found


def _periods_in(text: str, start: int, end: int) -> list[tuple[Period, int, int, str]]:
    """Periods named anywhere between two deadlines: "... (trước ngày 15/6) và hằng năm (trước ..."."""
    found: list[tuple[Period, int, int, str]] = []
    for word in _WORD_START.finditer(text, start, end):
        period = _period_at(text[:end], word.start())
        if period is not None:
            found.append((period[0], word.start(), period[1], text[word.start():period[1]]))
    return found


def _recipient(text: str, lowered: str, start: int) -> tuple[str | None, str | None]:
    match = grammar.reporting().recipient.search(text, start, lowered=lowered)
    if match and match.group("recipient"):
        via = match.group("via")
        return match.group("recipient").strip(" ,"), via.strip() if via else None
    via = grammar.reporting().via.rx.search(text, start)
    return None, via.group("via").strip() if via else None


def reporting_in(text: str, block: Block) -> list[Reporting]:
    rules = grammar.reporting()
    lowered = text.lower()  # asked of several entries: lowered once
    if not rules.report_word.search(text, lowered=lowered):
        return []
    dues = list(rules.due.finditer(text, lowered=lowered))
    out: list[Reporting] = []
    if dues:
        recipient, via = _recipient(text, lowered, dues[-1].end())
        previous_end = 0
        for due in dues:
            window_start = max(previous_end, due.start() - _WINDOW)
            named = _periods_after_report_word(text, lowered, window_start, due.start()) or (
                _periods_in(text, window_start, due.start())
                if rules.report_word.search(text, 0, due.start(), lowered=lowered) else [])
            if named:
                period, start, _, _ = named[-1]
            else:
                # a one-off report with its date and no period ("...; Báo cáo kết quả thực hiện ... gửi về
                # UBND tỉnh trước ngày 10/11/2023"): "báo cáo" in the same clause; sending a plan by a
                # date ("xây dựng Kế hoạch ... gửi về UBND tỉnh trước ngày 28/2/2023") is no report
                clause = max(text.rfind(";", previous_end, due.start()), text.rfind(". ", previous_end, due.start()),
                             previous_end - 1) + 1
                report = rules.report_noun.search(text, clause, due.start(), lowered=lowered)
                if report is None:
                    previous_end = due.end()
                    continue
                period, start = "other", report.start()
            month = due.group("month")
            end = due.end() + 1 if text[due.end():due.end() + 1] == ")" else due.end()
            out.append(Reporting(
                text=text[start:end].strip(" ,;"), period=period, due_day=int(due.group("day")),
                due_month=int(month) if month else None, recipient=recipient, via=via, source=block.source()))
            previous_end = due.end()
        return out
    reports = [match.start() for match in rules.report_noun.finditer(text, lowered=lowered)]
    if not reports:
        return out  # a period without "báo cáo" is no reporting duty (see below)
    for sentence in _SENTENCE.finditer(text):
        # "Định kỳ hàng quý ... kiểm tra": a period without a report is not a reporting duty. ("báo
        # cáo" holds no ".": one that starts in the sentence ends in it.)
        first_after = bisect.bisect_left(reports, sentence.start())
        if first_after == len(reports) or reports[first_after] >= sentence.end():
            continue
        periods = _periods_after_report_word(text, lowered, sentence.start(), sentence.end())
        if not periods:
            continue
        recipient, via = _recipient(text, lowered, sentence.start())
        for period, _start, _end, own in periods:
            out.append(Reporting(text=own.strip(" ,;("), period=period,
                                 recipient=recipient, via=via, source=block.source()))
    return out


def extract_reporting(blocks: list[Block]) -> list[Reporting]:
    out: list[Reporting] = []
    for block in blocks:
        out += reporting_in(block.text, block)
    return out
