"""The diff as a self-contained HTML page an official can attach to an e-mail, or print and sign.

What a reader of the page needs without the two files at hand: the report's date; both plans'
files, numbers, issuers, dates and titles; a one-line conclusion; a legend of the statuses and
of "Độ khớp"; for every row the item's number in its plan (III.1) and where it stands in its file
(page, paragraph or line), so that it can be checked; the figures that changed marked inside the
texts. No script and no external file; print styles keep rows whole across pages. Everything from
a plan is escaped.
"""

from __future__ import annotations

import datetime
import html
from typing import Any

from kehoach.cache import compile_regex
from kehoach.models import PlanDiff, Source
from kehoach.plandiff.render import COLOURS, HTML_COLOURS, LABELS, PARTS, rows

# per language: words (str) and the legend's meanings (a dict)
PAGE_LABELS: dict[str, dict[str, Any]] = {
    "vi": {
        "made": "Lập ngày", "file": "Tệp", "number": "Số", "issuer": "Cơ quan ban hành", "date": "Ngày",
        "conclusion": "Kết luận", "pass": "Đạt: kế hoạch cấp dưới giữ mọi chỉ tiêu và nhiệm vụ của kế hoạch cấp trên.",
        "fail": "Chưa đạt: {problems}.", "legend": "Chú giải", "where": "Vị trí", "page": "trang", "line": "dòng",
        "paragraph": "đoạn", "row": "hàng", "item": "Mục",
        "score_note": "Độ khớp: mức giống nhau về nội dung giữa hai mục được ghép (0 đến 1; từ 0,5 trở lên là cùng "
                      "một nội dung được diễn đạt lại).",
        "figures_note": "Số liệu thay đổi được tô đậm trong nội dung.",
        "problem": {"weakened": "{n} chỉ tiêu bị giảm", "missing": "{n} mục bị thiếu"},
        "meaning": {"kept": "chỉ tiêu giữ nguyên mức của cấp trên", "weakened": "chỉ tiêu thấp hơn, muộn hơn hoặc "
                    "bỏ \"ít nhất\"", "strengthened": "chỉ tiêu cao hơn cấp trên", "changed": "có số tăng, có số "
                    "giảm", "missing": "mục của cấp trên không có ở cấp dưới", "added": "mục cấp dưới tự bổ sung",
                    "covered": "nhiệm vụ đã được triển khai", "partial": "nhiệm vụ triển khai một phần",
                    "ok": "báo cáo đúng hạn", "late": "báo cáo muộn hơn hạn của cấp trên",
                    "out_of_scope": "phần cấp trên giao cho cơ quan khác, cấp dưới không nhận phần nào"},
    },
    "en": {
        "made": "Made on", "file": "File", "number": "Number", "issuer": "Issuer", "date": "Date",
        "conclusion": "Conclusion", "pass": "Pass: the child plan keeps every target and task of the parent plan.",
        "fail": "Not passed: {problems}.", "legend": "Legend", "where": "Where", "page": "page", "line": "line",
        "paragraph": "paragraph", "row": "row", "item": "Item",
        "score_note": "Score: how alike the two matched items are in content (0 to 1; 0.5 and above is the same "
                      "content reworded).",
        "figures_note": "Figures that changed are marked in the texts.",
        "problem": {"weakened": "{n} target(s) weakened", "missing": "{n} item(s) missing"},
        "meaning": {"kept": "target kept at the parent's level", "weakened": "target lower, later, or without "
                    "\"at least\"", "strengthened": "target higher than the parent's", "changed": "some figures "
                    "higher, some lower", "missing": "a parent item the child does not have", "added": "an item the "
                    "child adds", "covered": "task carried down", "partial": "task partly carried down",
                    "ok": "report on time", "late": "report later than the parent's deadline",
                    "out_of_scope": "a part the parent gives to another body, none of it taken up by the child"},
    },
}
_FIGURE = compile_regex(r"\d+(?:[.,]\d+)*\s*%?")
STYLE = (
    "body{font-family:'Times New Roman',Times,serif;margin:24px;color:#222;font-size:15px;line-height:1.4}"
    "h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "th,td{border:1px solid #bbb;padding:6px 8px;vertical-align:top;text-align:left;overflow-wrap:anywhere}"
    "th{background:#f0f0f0}td.status{width:110px;font-weight:bold}td.detail{width:20%}td.where{width:12%;"
    "font-size:13px;color:#555}table.plans td,table.plans th{font-size:14px}p.conclusion{font-size:17px;"
    "font-weight:bold;padding:8px;border:2px solid #888}p.pass{border-color:#2e7d32}p.fail{border-color:#c62828}"
    "mark{background:#ffe082;font-weight:bold}dl.legend{display:grid;grid-template-columns:max-content 1fr;"
    "gap:2px 12px}dl.legend dt{font-weight:bold;padding:0 6px}"
    "@media print{body{margin:0;font-size:12pt}tr{break-inside:avoid}thead{display:table-header-group}"
    "h2{break-after:avoid}}"
    + "".join(f"tr.{status} td,dt.{status}{{background:{HTML_COLOURS[colour]}}}" for status, colour in COLOURS.items())
)


def _where(source: Source | None, labels: dict) -> str:
    if source is None:
        return ""
    parts = []
    if source.page is not None:
        parts.append(f"{labels['page']} {source.page}")
    if source.paragraph is not None:
        parts.append(f"{labels['paragraph']} {source.paragraph}")
    elif source.line is not None:
        parts.append(f"{labels['line']} {source.line}")
    if source.row is not None:
        parts.append(f"{labels['row']} {source.row}")
    return ", ".join(parts)


def _item(side, section_id: str | None, labels: dict) -> str:
    """The item's number in its plan and where it is in its file, as one escaped line."""
    number = section_id or getattr(side, "section_id", None)
    where = _where(getattr(side, "source", None), labels)
    text = " · ".join(part for part in (f"{labels['item']} {number}" if number else "", where) if part)
    return html.escape(text)


def _marked(text: str, other: str, status: str) -> str:
    """`text` escaped, with each figure the other side does not have marked (for changed targets)."""
    if status not in ("weakened", "strengthened", "changed") or not text:
        return html.escape(text)
    theirs = {figure.group().replace(" ", "") for figure in _FIGURE.finditer(other)}
    out, last = [], 0
    for figure in _FIGURE.finditer(text):
        if figure.group().replace(" ", "") in theirs:
            continue
        out += [html.escape(text[last:figure.start()]), f"<mark>{html.escape(figure.group())}</mark>"]
        last = figure.end()
    return "".join([*out, html.escape(text[last:])])


def _conclusion(result: PlanDiff, labels: dict) -> tuple[str, bool]:
    counts: dict[str, int] = {}
    for part in PARTS:
        for status, count in result.summary.get(part, {}).items():
            if status in ("weakened", "missing"):
                counts[status] = counts.get(status, 0) + count
    if not counts:
        return labels["pass"], True
    problems = ", ".join(labels["problem"][status].format(n=count) for status, count in sorted(counts.items(),
                                                                                               reverse=True))
    return labels["fail"].format(problems=problems), False


def page(result: PlanDiff, lang: str = "vi", today: datetime.date | None = None) -> str:
    """A self-contained HTML page (no script, no external file) an official can attach to an e-mail."""
    labels, extra = LABELS[lang], PAGE_LABELS[lang]
    e = html.escape
    made = (today or datetime.date.today()).strftime("%d/%m/%Y")
    conclusion, passed = _conclusion(result, extra)
    out = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
           f"<title>{e(labels['title'])}</title><style>{STYLE}</style></head><body>",
           f"<h1>{e(labels['title'])}</h1><p>{e(extra['made'])} {made}</p>",
           f'<p class="conclusion {"pass" if passed else "fail"}">{e(extra["conclusion"])}: {e(conclusion)}</p>',
           '<table class="plans"><thead><tr><th></th>'
           f"<th>{e(extra['file'])}</th><th>{e(extra['number'])}</th><th>{e(extra['issuer'])}</th>"
           f"<th>{e(extra['date'])}</th><th>{e(labels['title'])}</th></tr></thead><tbody>"]
    for name, ref in ((labels["parent"], result.parent), (labels["child"], result.child)):
        out.append(f"<tr><th>{e(name)}</th><td>{e(ref.path or '')}</td><td>{e(ref.number or '')}</td>"
                   f"<td>{e(ref.issuer or '')}</td><td>{e(ref.date or '')}</td><td>{e(ref.title or '')}</td></tr>")
    out.append('</tbody></table><ul class="summary">')
    out.append(f"<li>{e(labels['cites'])}: {e(labels['yes'] if result.cites_parent else labels['no'])}</li>")
    out.append(f"<li>{e(labels['coverage'])}: {result.summary.get('coverage', 0):.0%}</li>")
    out.append("</ul>")
    for part in PARTS:
        out += _part(result, part, lang, labels, extra)
    out.append(f"<h2>{e(extra['legend'])}</h2><dl class=\"legend\">")
    for status, meaning in extra["meaning"].items():
        out.append(f'<dt class="{status}">{e(labels[status])}</dt><dd>{e(meaning)}</dd>')
    out.append(f"</dl><p>{e(extra['score_note'])}</p><p>{e(extra['figures_note'])}</p>")
    out.append("</body></html>\n")
    return "".join(out)


def _part(result: PlanDiff, part: str, lang: str, labels: dict, extra: dict) -> list[str]:
    e = html.escape
    summary = ", ".join(f"{labels.get(status, status)} {count}" for status, count in
                        result.summary.get(part, {}).items()) or labels["none"]
    out = [f"<h2>{e(labels[part])}</h2><p>{e(summary)}</p>"]
    texts = rows(result, part, lang)
    if not texts:
        return [*out, f"<p>{e(labels['none'])}</p>"]
    out.append(f'<table id="{part}"><thead><tr><th style="width:110px">{e(labels["status"])}</th>'
               f"<th>{e(labels['parent'])}</th><th>{e(labels['child'])}</th>"
               f'<th style="width:20%">{e(labels["detail"])}</th></tr></thead><tbody>')
    for row, (status, parent, child, detail) in zip(getattr(result, part), texts, strict=True):
        parent_item = _item(row.parent, getattr(row, "parent_id", None), extra)
        child_item = _item(row.child, getattr(row, "child_id", None), extra)
        out.append(
            f'<tr class="{e(status)}"><td class="status">{e(labels.get(status, status))}</td>'
            f"<td>{_marked(parent, child, status)}{_small(parent_item)}</td>"
            f"<td>{_marked(child, parent, status)}{_small(child_item)}</td>"
            f'<td class="detail">{e(detail)}</td></tr>')
    out.append("</tbody></table>")
    return out


def _small(text: str) -> str:
    return f'<br><small class="where">{text}</small>' if text else ""
