"""The grammar files' format: one pydantic model per file, validated when the file loads.

A closed set (a role, a numbering scheme, a reporting period, a comparator) is typed with the
models' own enum or alias, so a misspelt value is an error naming the file and key at load.
"""


import functools
from typing import Literal

import regex
from pydantic import BaseModel, PrivateAttr

from kehoach.errors import GrammarError
from kehoach.grammar.match import Entry, Strict, compile_entry
from kehoach.models import Comparator, Direction, Numbering, Period, Relation, Role


class Fragment(Entry):
    pass


class FragmentsFile(Strict):
    description: str = ""
    fragments: dict[str, Fragment]


class Scheme(Entry):
    name: Numbering
    rank: int


class NumberingFile(Strict):
    description: str = ""
    schemes: list[Scheme]
    letters: str  # list letters in their order
    flattened_label: Entry
    heading_style: Entry


class RoleEntry(Strict):
    role: Role
    phrases: list[str]
    openings: list[str] = []
    keywords: list[str] = []
    examples: list[str] = []
    counter_examples: list[str] = []


class RolesFile(Strict):
    description: str = ""
    max_opening_words: int = 10
    specific_objectives: Entry
    roles: list[RoleEntry]


class DocTypeEntry(Strict):
    name: str
    words: list[str]
    codes: list[str] = []
    plan: bool = False
    numberless: bool = False
    examples: list[str] = []
    counter_examples: list[str] = []


class TypeMarker(Entry):
    """A header line that shows the type when no type line is printed ("V/v ..." of a Công văn)."""

    type: str


class DocTypesFile(Strict):
    description: str = ""
    types: list[DocTypeEntry]
    markers: list[TypeMarker] = []
    glued_number_word: str = ""  # a type word ends before it when a number follows ("Quyết địnhsố 12")
    unknown: str  # doc_type of a document nothing identifies
    plan_roles: list[Role] = []  # section roles that show a plan whose type line is missing


class Opener(Entry):
    relation: Relation


class CitationsFile(Strict):
    description: str = ""
    openers: list[Opener]
    governing: Entry
    issued_with: Entry
    directed_in: Entry
    issuer_end: Entry
    passed_by: Entry
    shared_issuer: Entry
    abbreviation: Entry
    basis_section: Entry
    main_clause: Entry
    of_issuer: Entry
    proposed_by: Entry
    about: Entry
    number_after: Entry
    bare_number: Entry
    joiner: Entry
    month_word: Entry


class HeaderFile(Strict):
    description: str = ""
    motto: Entry
    rule: Entry
    number: Entry
    place_date: Entry
    name_continuations: Entry
    enacting_line: Entry
    enacting_formula: Entry
    date: Entry
    number_hint: Entry
    basis_sentence_end: Entry
    as_follows_end: Entry
    broken_word: Entry
    broken_date_end: Entry
    broken_date_rest: Entry
    name_broken_end: Entry
    number_after_name: Entry


class SignatureFile(Strict):
    description: str = ""
    authority: Entry
    position: Entry
    signed_marks: Entry
    person_name: Entry
    recipients_heading: Entry
    body_end: Entry
    archive_copy: Entry
    family_names: list[str] = []


class PeriodEntry(Entry):
    period: Period


class ReportingFile(Strict):
    description: str = ""
    periods: list[PeriodEntry]
    report_word: Entry
    report_noun: Entry
    due: Entry
    recipient: Entry
    via: Entry
    list_separator: Entry


class ComparatorEntry(Entry):
    """A comparator's words ("không dưới"); `after` is what a figure may be followed by to take it."""

    comparator: Comparator
    after: str
    _after_expanded: str | None = PrivateAttr(default=None)

    def prepare_after(self, expanded: str) -> None:
        self._after_expanded = expanded

    @functools.cached_property
    def after_rx(self) -> regex.Pattern:
        if self._after_expanded is None:
            raise GrammarError("pattern used before its grammar was loaded")
        return compile_entry(self._after_expanded, f"{self.where}.after")


class DirectionEntry(Entry):
    direction: Direction


class MetricsFile(Strict):
    description: str = ""
    number: Entry
    number_words: dict[str, int]
    scales: list[str]
    units: list[str]
    ratio_unit: Entry
    weak_units: list[str]
    comparators: list[ComparatorEntry]
    directions: list[DirectionEntry]
    frequency: list[Entry]
    rate_period: Entry
    milestone: Entry
    start_year: Entry
    deadline: Entry
    commitment_opening: Entry
    commitment_word: Entry
    stated_commitment: Entry
    range_joiner: Entry
    frequency_unit: str
    period_ranks: dict[str, float]


class DebrisFile(Strict):
    description: str = ""
    site_metadata: Entry
    site_lines: Entry
    site_excerpt: Entry
    cut_marker: Entry
    page_number: Entry
    page_mark: Entry
    stray_emphasis: Entry


class AssignmentsFile(Strict):
    description: str = ""
    requested: Entry
    assigned: Entry
    lead: Entry
    coordinates: Entry
    agency_end: Entry
    agency_head: Entry
    joiner: Entry
    task_lead_heading: Entry
    task_partner_heading: Entry
    task_note: Entry
    article: Entry


class DiffThresholds(Strict):
    target: float
    task_covered: float
    task_partial: float
    task_in_group: float
    merge: float
    merge_in_group: float
    merge_own_level: float
    own_level: float
    other_number: float
    restated: float
    assignment: float


class DiffFile(Strict):
    description: str = ""
    levels: Entry
    tiers: list[Entry]
    collective: Entry
    plan_year: Entry
    abbreviations: dict[str, str]
    stopwords: list[str]
    thresholds: DiffThresholds




class EncodingExample(Strict):
    encoding: Literal["tcvn3", "tcvn3_upper", "vni"]
    legacy: str
    unicode: str


class GlyphLossExample(Strict):
    damaged: str
    repaired: str


class InContext(Strict):
    damaged: str  # a pattern
    word: str


class GlyphLoss(Strict):
    """A font that lost the Vietnamese letters: which, what a few were drawn as, the words put back."""

    lost: str  # a character class
    drawn_as: dict[str, str] = {}
    min_letters: int
    words: list[str]
    in_context: list[InContext] = []
    examples: list[GlyphLossExample] = []


class EncodingsFile(Strict):
    """The legacy encodings' tables (not patterns: the readers and normalize look letters up)."""

    description: str = ""
    tcvn3: dict[int, str]
    tcvn3_fonts: str  # a font name pattern
    vni_tones: dict[str, str]
    vni_hats: dict[str, str]
    vni_breves: dict[str, str]
    vni_letters: dict[str, str]
    vni_fonts: str
    glyph_loss: GlyphLoss
    examples: list[EncodingExample] = []


FILES: dict[str, type[BaseModel]] = {
    "fragments": FragmentsFile,
    "numbering": NumberingFile,
    "roles": RolesFile,
    "doctypes": DocTypesFile,
    "citations": CitationsFile,
    "header": HeaderFile,
    "signature": SignatureFile,
    "reporting": ReportingFile,
    "metrics": MetricsFile,
    "debris": DebrisFile,
    "assignments": AssignmentsFile,
    "diff": DiffFile,
    "encodings": EncodingsFile,
}
