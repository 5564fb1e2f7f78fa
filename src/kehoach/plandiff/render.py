"""Reports of a diff for people: a terminal report (rich) and markdown; the HTML page is in `page.py`.

Reports are for officials: Vietnamese by default, English on request (`lang="en"`).
"""

from __future__ import annotations

from io import StringIO

from kehoach.models import PlanDiff

LABELS = {
    "vi": {
        "title": "So sánh kế hoạch", "parent": "Kế hoạch cấp trên", "child": "Kế hoạch cấp dưới",
        "cites": "Căn cứ kế hoạch cấp trên", "yes": "có", "no": "không", "coverage": "Tỷ lệ nhiệm vụ được triển khai",
        "targets": "Chỉ tiêu", "tasks": "Nhiệm vụ", "assignments": "Phân công", "reporting": "Chế độ báo cáo",
        "status": "Kết quả", "detail": "Ghi chú", "summary": "Tóm tắt", "none": "(không có)", "score": "Độ khớp",
        "kept": "giữ nguyên", "weakened": "giảm", "strengthened": "tăng", "changed": "thay đổi", "missing": "thiếu",
        "added": "bổ sung", "covered": "đã triển khai", "partial": "một phần", "ok": "đúng hạn", "late": "trễ hạn",
        "out_of_scope": "ngoài phạm vi",
    },
    "en": {
        "title": "Plan comparison", "parent": "Parent plan", "child": "Child plan", "cites": "Cites the parent",
        "yes": "yes", "no": "no", "coverage": "Share of tasks carried down", "targets": "Targets", "tasks": "Tasks",
        "assignments": "Assignments", "reporting": "Reporting", "status": "Status", "detail": "Detail",
        "summary": "Summary", "none": "(none)", "score": "Score",
        "kept": "kept", "weakened": "weakened", "strengthened": "strengthened", "changed": "changed",
        "missing": "missing", "added": "added", "covered": "covered", "partial": "partial", "ok": "ok", "late": "late",
        "out_of_scope": "out of scope",
    },
}
COLOURS = {"kept": "green", "covered": "green", "ok": "green", "strengthened": "cyan", "added": "blue",
           "changed": "yellow", "partial": "yellow", "weakened": "red", "missing": "red", "late": "red",
           "out_of_scope": "dim"}
HTML_COLOURS = {"green": "#e6f4ea", "cyan": "#e0f7fa", "blue": "#e8f0fe", "yellow": "#fff8e1", "red": "#fde7e9",
                "dim": "#f1f3f4"}
PARTS = ("targets", "tasks", "assignments", "reporting")


def _side(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return getattr(value, "text", "") or str(value)


# The JSON keeps the contract's wording of a detail; a Vietnamese report says it in Vietnamese.
DETAIL_VI = [("no matching target in the child", "kế hoạch cấp dưới không có chỉ tiêu tương ứng"),
             (" dropped", " bị bỏ"), (" added", " được thêm"), ("no ", "không có báo cáo "),
             (" report in the child", " ở kế hoạch cấp dưới"), ("half_year", "6 tháng"),
             ("nine_months", "9 tháng"), ("quarter", "quý"), ("month", "tháng"), ("year", "năm")]


_SIGNS = (("->", "→"), (">=", "≥"), ("<=", "≤"))


def _detail(text: str, lang: str) -> str:
    """A row's detail for people: the JSON's ASCII arrows and signs as the signs themselves."""
    for ascii_sign, sign in _SIGNS:
        text = text.replace(ascii_sign, sign)
    if lang == "vi":
        for english, vietnamese in DETAIL_VI:
            text = text.replace(english, vietnamese)
    return text


def rows(result: PlanDiff, part: str, lang: str = "en") -> list[tuple[str, str, str, str]]:
    """(status, parent, child, detail) of one part, as text."""
    score_word = LABELS[lang]["score"]
    out = []
    for row in getattr(result, part):
        detail = _detail(getattr(row, "detail", ""), lang)
        if not detail and getattr(row, "score", None):
            detail = f"{score_word} {row.score:.2f}".replace(".", "," if lang == "vi" else ".")
        out.append((row.status, _side(row.parent), _side(row.child), detail))
    return out


def _summary_line(result: PlanDiff, part: str, labels: dict) -> str:
    counts = result.summary.get(part, {})
    return ", ".join(f"{labels.get(status, status)} {count}" for status, count in counts.items()) or labels["none"]


CELL_LIMIT = 160  # characters of a plan's text in a terminal cell; the rest is cut at a word, with "…"


def shorten(text: str, limit: int = CELL_LIMIT) -> str:
    """`text` cut at the last word boundary within `limit` characters, with "…" to show it was cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def terminal(result: PlanDiff, lang: str = "vi", width: int = 100, colour: bool = True) -> str:
    """The report for a terminal. Every text from a plan goes in as a rich Text, never as markup:
    "[/bold]" or "[red]" in a plan is shown as written (and control characters never reach here:
    `normalize.clean` removed them when the plan was read)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    labels = LABELS[lang]
    buffer = StringIO()
    console = Console(file=buffer, width=width, force_terminal=colour, no_color=not colour, highlight=False,
                      color_system="standard" if colour else None, markup=False, emoji=False)
    console.print(Text(labels["title"], style="bold"))
    console.print(Text(f"{labels['parent']}: {result.parent.number or ''} {result.parent.title or ''}"))
    console.print(Text(f"{labels['child']}: {result.child.number or ''} {result.child.title or ''}"))
    console.print(Text(f"{labels['cites']}: {labels['yes'] if result.cites_parent else labels['no']}"))
    console.print(Text(f"{labels['coverage']}: {result.summary.get('coverage', 0):.0%}"))
    for part in PARTS:
        console.print(Text(f"{labels[part]}: {_summary_line(result, part, labels)}"))
    for part in PARTS:
        part_rows = rows(result, part, lang)
        if not part_rows:
            continue
        table = Table(title=labels[part], show_lines=False, width=width, expand=True)
        table.add_column(labels["status"], no_wrap=True, width=14)
        table.add_column(labels["parent"], ratio=3)
        table.add_column(labels["child"], ratio=3)
        table.add_column(labels["detail"], ratio=2)
        for status, parent, child, detail in part_rows:
            table.add_row(Text(labels.get(status, status), style=COLOURS.get(status, "white")), Text(shorten(parent)),
                          Text(shorten(child)), Text(detail))
        console.print(table)
    return buffer.getvalue()


_MARKDOWN_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\n": " ", "*": "\\*",
                                   "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]"})


def _md(text: str) -> str:
    """A plan's text for a markdown cell: HTML escaped (markdown renderers pass raw HTML through,
    so "<script>" in a plan would run in the reader's browser), and the characters that would make
    emphasis, code, links or a new cell escaped, so that the text shows as written."""
    return text.translate(_MARKDOWN_SPECIAL)


def markdown(result: PlanDiff, lang: str = "vi") -> str:
    labels = LABELS[lang]
    lines = [f"# {labels['title']}", "",
             f"- {labels['parent']}: {_md(result.parent.number or '')} {_md(result.parent.title or '')}",
             f"- {labels['child']}: {_md(result.child.number or '')} {_md(result.child.title or '')}",
             f"- {labels['cites']}: {labels['yes'] if result.cites_parent else labels['no']}",
             f"- {labels['coverage']}: {result.summary.get('coverage', 0):.0%}"]
    lines += [f"- {labels[part]}: {_summary_line(result, part, labels)}" for part in PARTS]
    for part in PARTS:
        part_rows = rows(result, part, lang)
        lines += ["", f"## {labels[part]}", ""]
        if not part_rows:
            lines.append(labels["none"])
            continue
        lines += [f"| {labels['status']} | {labels['parent']} | {labels['child']} | {labels['detail']} |",
                  "|---|---|---|---|"]
        for status, parent, child, detail in part_rows:
            lines.append(f"| **{labels.get(status, status)}** | {_md(parent)} | {_md(child)} | {_md(detail)} |")
    return "\n".join(lines) + "\n"
