"""The output contract (schema version 1) as pydantic models.

`spec/output-contract.md` lists the names users rely on; they are never renamed or dropped. Fields
marked "added" extend the contract. `kehoach schema` prints the JSON Schema generated from `Plan`.
"""


from enum import StrEnum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from kehoach import prebuilt

SCHEMA_VERSION: Final = "1"


# Closed sets of the output, named so that the stages that make them are typed with them too
InputFormat = Literal["docx", "pdf", "txt", "md", "html", "doc", "rtf", "odt", "mhtml", "image"]
ObjectiveKind = Literal["viewpoint", "purpose", "requirement", "general", "specific"]
AssignmentMode = Literal["assigned", "requested"]
TargetStatus = Literal["kept", "weakened", "strengthened", "changed", "missing", "added"]
# out_of_scope: a parent task given to another body, none of which the child takes up (not a miss)
TaskStatus = Literal["covered", "partial", "missing", "added", "out_of_scope"]
TaskKind = Literal["group", "item"]

# Closed sets the grammars use too (grammars/metrics.yaml, reporting.yaml): a grammar entry is typed
# with the same alias, so a misspelt value fails when the grammar loads, not when a plan meets it.
Comparator = Literal[">=", "<=", "=", "range"]
Direction = Literal["increase", "decrease"]
Period = Literal["month", "quarter", "half_year", "nine_months", "year", "ad_hoc", "other"]


class _Model(BaseModel):
    # built from the cache's core schemas at the end of this module (kehoach.prebuilt), else on first use
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Source(_Model):
    """Where an item came from in the original file (1-based lines; page for PDF, paragraph for DOCX)."""

    # immutable: the items made from one paragraph (its section, a target, a task) share one Source
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    line: int | None = None
    end_line: int | None = None
    page: int | None = None
    end_page: int | None = Field(default=None, description="added: the page end_line is on, when not `page`")
    paragraph: int | None = None
    row: int | None = Field(default=None, description="added: table row, when the text sits in a table")
    column: int | None = Field(default=None, description="added: table column, when the text sits in a table")


class Relation(StrEnum):
    can_cu = "can_cu"
    thuc_hien = "thuc_hien"
    theo_de_nghi = "theo_de_nghi"
    other = "other"


class Role(StrEnum):
    viewpoint = "viewpoint"
    purpose = "purpose"
    requirements = "requirements"
    objectives = "objectives"
    targets = "targets"
    tasks = "tasks"
    organization = "organization"
    reporting = "reporting"
    funding = "funding"
    situation = "situation"
    schedule = "schedule"
    other = "other"


class Numbering(StrEnum):
    part = "part"  # added: PHẦN I, Phần thứ nhất
    upper_letter = "upper_letter"  # added: A., B.
    roman = "roman"
    arabic = "arabic"
    decimal = "decimal"
    letter = "letter"
    dash = "dash"
    plus = "plus"
    bullet = "bullet"
    heading = "heading"


class DiagnosticLevel(StrEnum):
    warning = "warning"
    error = "error"


class Diagnostic(_Model):
    level: DiagnosticLevel = DiagnosticLevel.warning
    code: str
    message: str
    source: Source | None = None
    hint: str | None = Field(default=None, description="added: what the user can do about it")


class FileInfo(_Model):
    path: str
    format: InputFormat
    sha256: str
    ocr_pages: int = Field(default=0, description="added: pages read by OCR (a scan's pages; 0 for a text layer)")


class Header(_Model):
    issuer_parent: str | None = None
    issuer: str | None = None
    number: str | None = None
    number_seq: int | None = None
    symbol: str | None = None
    doc_type: str = "Kế hoạch"
    place: str | None = None
    date: str | None = Field(default=None, description="ISO YYYY-MM-DD, null when the day or month is blank")
    date_text: str | None = None
    year: int | None = None
    month: int | None = None
    title: str | None = None
    source: Source | None = Field(default=None, description="added: the lines of the header block")


class Citation(_Model):
    text: str
    relation: Relation = Relation.other
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    source: Source
    in_legal_basis: bool = Field(default=False, description="added: the citation is part of the legal basis")


class Section(_Model):
    id: str
    label: str
    numbering: Numbering
    depth: int
    title: str
    role: Role | None = None
    text: str = ""
    items: list[str] = Field(default_factory=list)
    source: Source
    children: list["Section"] = Field(default_factory=list)


class Objective(_Model):
    text: str
    kind: ObjectiveKind
    section_id: str
    source: Source


class Metric(_Model):
    value: float
    value_max: float | None = None
    unit: str
    comparator: Comparator = "="
    per: str | None = None
    year: int | None = None
    direction: Direction | None = None
    text: str = Field(default="", description="added: the words the metric was read from")
    due: str | None = Field(default=None, description=(
        "added: the ISO date the figure is due by, where a deadline comes before it ('Trước ngày "
        "15/5/2024, 100% cán bộ ...'); `year` is its year"))


class Target(_Model):
    text: str
    section_id: str
    source: Source
    metrics: list[Metric] = Field(default_factory=list)
    refers_to: str | None = Field(default=None, description=(
        "added: the number of the document whose figure this target takes over, where it prints none "
        "of its own ('Theo chỉ tiêu tại Kế hoạch số 165/KH-UBND ...')"))


class Task(_Model):
    id: str
    label: str
    title: str
    items: list[str] = Field(default_factory=list)
    source: Source


class Assignment(_Model):
    agency: str
    mode: AssignmentMode = "assigned"
    lead: bool | None = None
    coordinates_with: list[str] = Field(default_factory=list, description="added: 'phối hợp với ...'")
    duties: list[str] = Field(default_factory=list)
    section_id: str
    source: Source


class Reporting(_Model):
    text: str
    period: Period
    due_day: int | None = None
    due_month: int | None = None
    recipient: str | None = None
    via: str | None = Field(default=None, description="added: the body a report passes through ('qua ...')")
    source: Source


class Signature(_Model):
    authority: str | None = None
    on_behalf_of: str | None = Field(default=None, description="added: 'TM. ỦY BAN NHÂN DÂN' above 'KT. CHỦ TỊCH'")
    position: str | None = None
    signer: str | None = None
    source: Source | None = Field(default=None, description="added")


class Plan(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: FileInfo
    header: Header = Field(default_factory=Header)
    legal_basis: list[Citation] = Field(default_factory=list)
    references: list[Citation] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    reporting: list[Reporting] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    signature: Signature = Field(default_factory=Signature)
    diagnostics: list[Diagnostic] = Field(default_factory=list)

    def walk_sections(self):
        """Every section, depth first in document order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))


class PlanRef(_Model):
    number: str | None = None
    title: str | None = None
    issuer: str | None = Field(default=None, description="added")
    date: str | None = Field(default=None, description="added")
    path: str | None = Field(default=None, description="added")


class TargetDiff(_Model):
    status: TargetStatus
    parent: Target | None = None
    child: Target | None = None
    score: float = 0.0
    detail: str = ""


class TaskDiff(_Model):
    status: TaskStatus
    parent: str | None = None
    child: str | None = None
    score: float = 0.0
    kind: TaskKind = Field(default="item", description="added: a numbered task group or an item")
    detail: str = Field(default="", description="added: why a row is out_of_scope")
    parent_id: str | None = Field(default=None, description="added: the parent's section id")
    child_id: str | None = Field(default=None, description="added: the child's section id")


class AssignmentDiff(_Model):
    status: Literal["covered", "missing", "added"]
    parent: str | None = None
    child: str | None = None
    score: float = 0.0


class ReportingDiff(_Model):
    status: Literal["ok", "late", "missing"]
    parent: Reporting | None = None
    child: Reporting | None = None
    detail: str = ""


class PlanDiff(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    parent: PlanRef
    child: PlanRef
    cites_parent: bool
    targets: list[TargetDiff] = Field(default_factory=list)
    tasks: list[TaskDiff] = Field(default_factory=list)
    assignments: list[AssignmentDiff] = Field(default_factory=list)
    reporting: list[ReportingDiff] = Field(default_factory=list)
    summary: dict = Field(default_factory=dict)


# every model of this module, dependencies first (as defined)
MODELS: Final = tuple(value for value in list(globals().values())
                      if isinstance(value, type) and issubclass(value, _Model) and value is not _Model)
prebuilt.complete(MODELS)
