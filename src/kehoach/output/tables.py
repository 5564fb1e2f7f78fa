"""Export items across many plans as one table (CSV or XLSX) for spreadsheets and databases.

One row per item (a target, an assignment, a cited document), with the plan it comes from (path,
number, issuer, date) and the item's source location.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from pathlib import Path

from kehoach.errors import OutputError
from kehoach.models import Plan
from kehoach.output.files import write_atomic

PLAN_COLUMNS = ["file", "plan_number", "plan_issuer", "plan_date", "plan_title"]
SOURCE_COLUMNS = ["page", "line", "paragraph"]


class Kind(StrEnum):
    targets = "targets"
    assignments = "assignments"
    citations = "citations"


COLUMNS = {
    Kind.targets: ["section_id", "text", "value", "value_max", "unit", "comparator", "per", "year", "direction",
                   "metrics"],
    Kind.assignments: ["section_id", "agency", "mode", "lead", "coordinates_with", "duties"],
    Kind.citations: ["in_legal_basis", "relation", "doc_type", "number", "date", "issuer", "subject", "text"],
}


def _plan_cells(plan: Plan) -> list:
    return [plan.source.path, plan.header.number, plan.header.issuer, plan.header.date, plan.header.title]


def _source(item) -> list:
    source = item.source
    return [source.page, source.line, source.paragraph] if source else [None, None, None]


def rows(plan: Plan, kind: Kind) -> list[list]:
    out = []
    if kind == Kind.targets:
        for target in plan.targets:
            first = target.metrics[0] if target.metrics else None
            metric = [first.value, first.value_max, first.unit, first.comparator, first.per, first.year,
                      first.direction] if first else [None] * 7
            every = json.dumps([m.model_dump(exclude={"text"}) for m in target.metrics], ensure_ascii=False)
            out.append([*_plan_cells(plan), target.section_id, target.text, *metric, every, *_source(target)])
    elif kind == Kind.assignments:
        for assignment in plan.assignments:
            out.append([*_plan_cells(plan), assignment.section_id, assignment.agency, assignment.mode,
                        assignment.lead, "; ".join(assignment.coordinates_with), " | ".join(assignment.duties),
                        *_source(assignment)])
    else:
        for citation in plan.references:
            out.append([*_plan_cells(plan), citation.in_legal_basis, citation.relation.value, citation.doc_type,
                        citation.number, citation.date, citation.issuer, citation.subject, citation.text,
                        *_source(citation)])
    return out


# What a spreadsheet runs as a formula when a cell starts with it (OWASP, "CSV injection"): plan
# text comes from anywhere, and "=HYPERLINK(...)" in a target must stay text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what XML 1.0, and so openpyxl, refuses; `normalize.clean` has removed these from plan text, and
# this is the writer's own guard: one such character must never cost the whole export
_ILLEGAL = dict.fromkeys([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20)], None)


def inert(value):
    """A cell's value with nothing a spreadsheet would run: strings that would start a formula get
    the quote OWASP recommends (a spreadsheet shows the text, not a formula), control characters
    are removed."""
    if not isinstance(value, str):
        return value
    value = value.translate(_ILLEGAL)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _xlsx_cell(sheet, value):
    """A typed cell: a string is written as text even when it starts like a formula (openpyxl
    writes any string starting with "=" as one), and marked "quote prefix" so that Excel keeps
    it as text when the cell is edited."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value.translate(_ILLEGAL))
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def header(kind: Kind) -> list[str]:
    return [*PLAN_COLUMNS, *COLUMNS[kind], *SOURCE_COLUMNS]


def write(path: Path, kind: Kind, table: list[list], inputs: list[Path]) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(kind.value)
        sheet.append(header(kind))
        for row in table:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
        workbook = io.BytesIO()
        book.save(workbook)
        write_atomic(path, workbook.getvalue(), inputs)
    elif suffix in (".csv", ".tsv", ""):
        text = io.StringIO()
        writer = csv.writer(text, delimiter="\t" if suffix == ".tsv" else ",", lineterminator="\n")
        writer.writerow(header(kind))
        writer.writerows([inert(cell) for cell in row] for row in table)
        # a byte-order mark, so that spreadsheet programs read the Vietnamese as UTF-8
        write_atomic(path, "\ufeff" + text.getvalue(), inputs)
    else:
        raise OutputError(f"{path}: write .csv, .tsv or .xlsx")
