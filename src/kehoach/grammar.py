"""Loading the grammars: YAML files validated by a schema, fragments expanded, patterns compiled.

The files live in the top-level `grammars/` folder of the repository and ship inside the wheel as
the package `kehoach.grammars`. They are read through `importlib.resources` on first use (never at
import time) and cached. A malformed file is a `GrammarError` naming the file and the key.
"""

from __future__ import annotations

import bisect
import functools
import re
from importlib import resources
from typing import Any, TypeVar

import regex
import yaml
from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, field_validator

from kehoach.models import Numbering, Relation, Role
from kehoach.normalize import lower, occurrences

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 10x faster

FRAGMENT_REF = regex.compile(r"\$([a-z_]+)")


class GrammarError(Exception):
    """A grammar file that cannot be used: names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entry(_Strict):
    """A pattern with the examples it must match and the counter-examples it must not."""

    description: str = ""
    pattern: str
    # Lower-case words of which every match contains at least one. Text holding none of them is
    # passed over without running the pattern: a substring test costs a fraction of a regex scan.
    requires: list[str] = []
    # Lower-case words every match begins with. The pattern is then run only where one of them
    # stands (found by substring search in the lower-cased text), not at every position: a
    # case-insensitive pattern scanning a paragraph cost more than the rest of its stage.
    starts_with: list[str] = []
    examples: list[str] = []
    counter_examples: list[str] = []
    _compiled: Any = PrivateAttr(default=None)
    _where: Any = PrivateAttr(default=None)  # "file.yaml: key", set by `load`; the pattern compiles on first use
    _expanded: Any = PrivateAttr(default=None)  # the pattern with its fragments in place, set by `load`
    _caseless: bool = PrivateAttr(default=False)  # no word of `possible` has a letter
    # (text, where a match can begin in it) for the last text asked about: a stage asks the same
    # entry of the same paragraph several times (whether it matches, then where, between bounds).
    # One tuple, replaced whole, so that parses in two threads never mix one text's places with
    # another's.
    _last_starts: Any = PrivateAttr(default=(None, None))

    @field_validator("requires", "starts_with")
    @classmethod
    def _lower_case(cls, words: list[str]) -> list[str]:
        for word in words:
            if not word or word != word.lower():
                raise ValueError(f"required words are lower case and not empty: {word!r}")
        return words

    @property
    def rx(self) -> regex.Pattern:
        # read the private slots directly: pydantic's attribute hook costs more than the match itself
        private = self.__pydantic_private__
        compiled = private["_compiled"]
        if compiled is None:
            # Compiled when first used: compiling every pattern of every grammar took a quarter
            # of a `kehoach parse` process, and one plan uses only some of them.
            if private["_where"] is None:
                raise GrammarError("pattern used before its grammar was loaded")
            compiled = private["_compiled"] = _compile(private["_expanded"], private["_where"])
        return compiled

    def possible(self, text: str) -> bool:
        """False when `text` cannot match: it holds none of the required words (or, for an entry
        that names none, none of the words its matches start with)."""
        words = self.requires or self.starts_with
        if not words:
            return True
        # words without letters ("[") are looked for as they are: no need to lower the text
        lowered = text if self.__pydantic_private__["_caseless"] else lower(text)
        for word in words:  # noqa: SIM110 (a loop, not any(): this runs on every paragraph for many entries)
            if word in lowered:
                return True
        return False

    def search(self, text: str, *bounds: int) -> regex.Match | None:
        if self.requires and not self.possible(text):
            return None
        if self.starts_with:
            starts = self._starts(text, *bounds)
            if starts is not None:
                # the first place that matches: the starts are in order (a loop, not
                # next(self._matches_at(...)): no generator made for every paragraph)
                rx = self.rx
                end = bounds[1] if len(bounds) > 1 else len(text)
                for position in starts:
                    match = rx.match(text, position, end)
                    if match:
                        return match
                return None
            if not self.requires and not self.possible(text):
                return None
        return self.rx.search(text, *bounds)

    def finditer(self, text: str, *bounds: int):
        if self.requires and not self.possible(text):
            return iter(())
        if self.starts_with:
            starts = self._starts(text, *bounds)
            if starts is not None:
                return self._matches_at(text, starts, *bounds) if starts else iter(())
            if not self.requires and not self.possible(text):
                return iter(())
        return self.rx.finditer(text, *bounds)

    def _starts(self, text: str, start: int = 0, end: int | None = None) -> list[int] | None:
        """Where a match can begin: the places one of `starts_with` stands, in order. None when the
        lower-cased text is not as long as the text (a letter whose lower case is longer: the
        offsets would not agree), and the pattern must scan. (A text holding none of the words
        has no place: the search for them is the test `possible` would make.)"""
        private = self.__pydantic_private__
        last_text, starts = private["_last_starts"]
        if last_text is not text:
            lowered = lower(text)
            starts = occurrences(lowered, self.starts_with) if len(lowered) == len(text) else None
            private["_last_starts"] = (text, starts)
        if starts is None or (start == 0 and end is None) or not starts:
            return starts
        return starts[bisect.bisect_left(starts, start):bisect.bisect_left(starts, len(text) if end is None else end)]

    def _matches_at(self, text: str, starts: list[int], start: int = 0, end: int | None = None):
        """What `finditer` gives, for a pattern that can only begin at one of `starts`: the match at
        the first of them, then at the first that lies past its end, and so on."""
        rx = self.rx
        end = len(text) if end is None else end
        reached = start
        for position in starts:
            if position < reached:
                continue
            match = rx.match(text, position, end)
            if match:
                reached = max(match.end(), position + 1)
                yield match

    def matches(self, text: str) -> bool:
        return self.search(text) is not None


class FirstOf:
    """Entries tried in their order, as one alternation: one match call where a loop would make one
    per entry. The engine tries the alternatives in order, so the first entry that matches still
    wins; `which` says which one it was. (Entries may share group names: the `regex` module allows it.)

    Each alternative ends with an empty group that names it. A group around the whole alternative
    would do as well for `which`, but it keeps the engine from skipping the positions where an
    anchored pattern ("^...") cannot match, and made a search over lines thirty times slower."""

    def __init__(self, entries):
        self.entries = list(entries)
        self._names = {f"_first_of_{index}": entry for index, entry in enumerate(self.entries)}
        self.rx = regex.compile("|".join(f"(?:{entry.rx.pattern}(?P<{name}>))"
                                         for name, entry in self._names.items()))
        self._numbers = [(self.rx.groupindex[name], entry) for name, entry in self._names.items()]

    def which(self, match: regex.Match):
        """The entry whose alternative `match` (a match of `rx`) is: the one whose empty group took part
        (not `lastgroup`: with group names shared between entries, the `regex` module may name another)."""
        groups = match.groups()  # one call for all the groups: asking each by name cost more than the match
        return next(entry for number, entry in self._numbers if groups[number - 1] is not None)


class Fragment(Entry):
    pass


class FragmentsFile(_Strict):
    description: str = ""
    fragments: dict[str, Fragment]


class Scheme(Entry):
    name: Numbering
    rank: int


class NumberingFile(_Strict):
    description: str = ""
    schemes: list[Scheme]


class RoleEntry(_Strict):
    role: Role
    phrases: list[str]
    openings: list[str] = []
    keywords: list[str] = []
    examples: list[str] = []
    counter_examples: list[str] = []


class RolesFile(_Strict):
    description: str = ""
    max_opening_words: int = 10
    roles: list[RoleEntry]


class DocTypeEntry(_Strict):
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


class DocTypesFile(_Strict):
    description: str = ""
    types: list[DocTypeEntry]
    markers: list[TypeMarker] = []
    unknown: str = "Không xác định"  # doc_type of a document nothing identifies
    plan_roles: list[str] = []  # section roles that show a plan whose type line is missing


class Opener(Entry):
    relation: Relation


class CitationsFile(_Strict):
    description: str = ""
    openers: list[Opener]
    governing: Entry
    issuer_end: Entry
    passed_by: Entry
    shared_issuer: Entry
    abbreviation: Entry
    basis_section: Entry
    main_clause: Entry


class HeaderFile(_Strict):
    description: str = ""
    motto: Entry
    rule: Entry
    number: Entry
    place_date: Entry
    name_continuations: Entry
    enacting_line: Entry
    enacting_formula: Entry
    date: Entry


class SignatureFile(_Strict):
    description: str = ""
    authority: Entry
    position: Entry
    signed_marks: Entry
    person_name: Entry
    recipients_heading: Entry
    body_end: Entry


class PeriodEntry(Entry):
    period: str


class ReportingFile(_Strict):
    description: str = ""
    periods: list[PeriodEntry]
    report_word: Entry
    report_noun: Entry
    due: Entry
    recipient: Entry


class ComparatorEntry(Entry):
    comparator: str
    after: str
    _after: Any = PrivateAttr(default=None)
    _after_expanded: Any = PrivateAttr(default=None)

    @property
    def after_rx(self) -> regex.Pattern:
        private = self.__pydantic_private__
        if private["_after"] is None:
            private["_after"] = _compile(private["_after_expanded"], f"{private['_where']}.after")
        return private["_after"]


class DirectionEntry(Entry):
    direction: str


class MetricsFile(_Strict):
    description: str = ""
    number: Entry
    number_words: dict[str, int]
    scales: list[str]
    units: list[str]
    weak_units: list[str]
    comparators: list[ComparatorEntry]
    directions: list[DirectionEntry]
    frequency: list[Entry]
    rate_period: Entry
    milestone: Entry
    start_year: Entry
    commitment_opening: Entry


class DebrisFile(_Strict):
    description: str = ""
    site_metadata: Entry
    site_lines: Entry
    cut_marker: Entry
    page_number: Entry
    stray_emphasis: Entry


class AssignmentsFile(_Strict):
    description: str = ""
    requested: Entry
    assigned: Entry
    lead: Entry
    coordinates: Entry
    agency_end: Entry
    agency_head: Entry


class DiffThresholds(_Strict):
    target: float
    task_covered: float
    task_partial: float
    merge: float
    assignment: float


class DiffFile(_Strict):
    description: str = ""
    levels: Entry
    abbreviations: dict[str, str]
    stopwords: list[str]
    thresholds: DiffThresholds


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
}

M = TypeVar("M", bound=BaseModel)


def _read(name: str) -> Any:
    filename = f"{name}.yaml"
    try:
        text = resources.files("kehoach.grammars").joinpath(filename).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise GrammarError(f"{filename}: grammar file not found in the installed package") from exc
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise GrammarError(f"{filename}: not valid YAML: {exc}") from exc


def _validate(name: str, data: Any, model: type[M]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise GrammarError(f"{name}.yaml: {key}: {first['msg']}") from exc


@functools.cache
def _fragments() -> dict[str, str]:
    parsed = _validate("fragments", _read("fragments"), FragmentsFile)
    raw = {key: fragment.pattern for key, fragment in parsed.fragments.items()}
    expanded: dict[str, str] = {}

    def expand(key: str, seen: tuple[str, ...]) -> str:
        if key in expanded:
            return expanded[key]
        if key in seen:
            raise GrammarError(f"fragments.yaml: fragments.{key}: refers to itself")
        if key not in raw:
            owner = seen[-1] if seen else key
            raise GrammarError(f"fragments.yaml: fragments.{owner}: unknown fragment ${key}")
        text = FRAGMENT_REF.sub(lambda m: f"(?:{expand(m.group(1), (*seen, key))})", raw[key])
        expanded[key] = text
        return text

    for key in raw:
        expand(key, ())
    return expanded


def expand(pattern: str, where: str) -> str:
    """`pattern` with every `$fragment` replaced by its (expanded) pattern."""
    fragments = _fragments()

    def replace(match: regex.Match) -> str:
        key = match.group(1)
        if key not in fragments:
            raise GrammarError(f"{where}: unknown fragment ${key}")
        return f"(?:{fragments[key]})"

    return FRAGMENT_REF.sub(replace, pattern)


def compile_pattern(pattern: str) -> regex.Pattern | re.Pattern:
    """A pattern built in code from grammar parts: the standard engine when it reads it (faster),
    `regex` otherwise (see `_compile`)."""
    try:
        return re.compile(pattern)
    except re.error:
        return regex.compile(pattern)


def _compile(expanded: str, where: str) -> regex.Pattern | re.Pattern:
    """A pattern whose fragments are in place (`expand`), compiled; an error names the key.

    The standard library's engine is tried first: on the short matches most entries make it runs in
    half the time of `regex`. A pattern that needs `regex` (\\p{Lu}, a look-behind of varying
    width, group names shared between alternatives) is compiled by it; both engines read the
    syntax they share the same way, and every entry's examples and counter-examples are checked
    against the engine that compiled it."""
    try:
        return compile_pattern(expanded)
    except regex.error as exc:
        raise GrammarError(f"{where}: invalid pattern: {exc}") from exc


def entries(node: Any, filename: str, path: tuple[str, ...] = ()):
    """(entry, "file.yaml: key") for every Entry in a parsed grammar file."""
    if isinstance(node, Entry):
        yield node, f"{filename}: {'.'.join(path)}"
    elif isinstance(node, BaseModel):
        for key in type(node).model_fields:
            yield from entries(getattr(node, key), filename, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from entries(item, filename, (*path, str(index)))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from entries(item, filename, (*path, str(key)))


def _prepare_entries(parsed: BaseModel, filename: str) -> None:
    """Name every entry's key for its errors, and put its fragments in place now (cheap: an unknown
    fragment is an error at load); the pattern itself compiles on first use."""
    for entry, where in entries(parsed, filename):
        entry._expanded = expand(entry.pattern, where)
        if isinstance(entry, ComparatorEntry):
            entry._after_expanded = expand(entry.after, f"{where}.after")
        entry._where = where
        words = entry.requires or entry.starts_with
        entry._caseless = bool(words) and all(word == word.upper() for word in words)


@functools.cache
def load(name: str) -> BaseModel:
    """The parsed and compiled grammar file `name` (without `.yaml`)."""
    if name not in FILES:
        raise GrammarError(f"{name}.yaml: no such grammar")
    parsed = _validate(name, _read(name), FILES[name])
    if name == "fragments":
        _fragments()  # expands and checks every reference
        for key, fragment in parsed.fragments.items():
            where = f"fragments.yaml: fragments.{key}"
            fragment._compiled = _compile(expand(f"^(?:${key})$", where), where)
    else:
        _prepare_entries(parsed, f"{name}.yaml")
    return parsed


def check(name: str) -> BaseModel:
    """`load`, with every pattern compiled now: a broken pattern is an error here, not at first use."""
    parsed = load(name)
    for entry, _ in entries(parsed, f"{name}.yaml"):
        _ = entry.rx
        if isinstance(entry, ComparatorEntry):
            _ = entry.after_rx
    return parsed


def numbering() -> NumberingFile:
    return load("numbering")  # type: ignore[return-value]


def roles() -> RolesFile:
    return load("roles")  # type: ignore[return-value]


def doctypes() -> DocTypesFile:
    return load("doctypes")  # type: ignore[return-value]


def citations() -> CitationsFile:
    return load("citations")  # type: ignore[return-value]


def header() -> HeaderFile:
    return load("header")  # type: ignore[return-value]


def signature() -> SignatureFile:
    return load("signature")  # type: ignore[return-value]


def reporting() -> ReportingFile:
    return load("reporting")  # type: ignore[return-value]


def metrics() -> MetricsFile:
    return load("metrics")  # type: ignore[return-value]


def debris() -> DebrisFile:
    return load("debris")  # type: ignore[return-value]


def assignments() -> AssignmentsFile:
    return load("assignments")  # type: ignore[return-value]


def diff() -> DiffFile:
    return load("diff")  # type: ignore[return-value]


def fragment(name: str) -> str:
    """The expanded pattern of a fragment, for code that builds a pattern around it."""
    patterns = _fragments()
    if name not in patterns:
        raise GrammarError(f"fragments.yaml: no fragment {name}")
    return patterns[name]
