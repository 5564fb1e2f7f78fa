"""Loading the grammars: YAML files validated by their schema, fragments expanded, entries prepared.

The files live in the top-level `grammars/` folder of the repository and ship inside the wheel as
the package `kehoach.grammars`. They are read from the package's folder (through
`importlib.resources` when it is not one) on first use (never at import time) and kept. A malformed
file is a `GrammarError` naming the file and the key.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ValidationError

from kehoach import cache
from kehoach.errors import GrammarError
from kehoach.grammar import match, schema
from kehoach.grammar.match import Entry, compile_entry
from kehoach.grammar.schema import (
    FILES,
    AssignmentsFile,
    CitationsFile,
    ComparatorEntry,
    DebrisFile,
    DiffFile,
    DocTypesFile,
    EncodingsFile,
    FragmentsFile,
    HeaderFile,
    MetricsFile,
    NumberingFile,
    ReportingFile,
    RolesFile,
    SignatureFile,
)

FRAGMENT_REF = cache.compile_regex(r"\$([a-z_]+)")
M = TypeVar("M", bound=BaseModel)


@functools.cache  # fragments.yaml is part of every grammar's cache digest: read once
def _read(name: str) -> str:
    filename = f"{name}.yaml"
    try:
        folder = _folder()
        if folder is not None:
            return (folder / filename).read_text(encoding="utf-8")
        return resources.files("kehoach.grammars").joinpath(filename).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise GrammarError(f"{filename}: grammar file not found in the installed package") from exc


@functools.cache
def _folder() -> Path | None:
    """The grammars' folder when the package is installed as files, as it nearly always is (read
    directly: `importlib.resources` brings in its zip readers, a cost at every start); None for an
    install resources alone can read (a zip)."""
    spec = importlib.util.find_spec("kehoach.grammars")
    origin = spec.origin if spec is not None else None
    if origin is None or not os.path.isfile(origin):
        return None
    return Path(origin).parent


def _yaml(filename: str, text: str) -> Any:
    import yaml  # only when a grammar is not in the cache (kehoach.cache)

    try:
        # libyaml's loader when the wheel has it
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
    """Every fragment's pattern with the fragments it names put in place."""
    parsed = _validate("fragments", _yaml("fragments.yaml", _read("fragments")), FragmentsFile)
    raw = {key: fragment.pattern for key, fragment in parsed.fragments.items()}
    expanded: dict[str, str] = {}

    def expand_key(key: str, seen: tuple[str, ...]) -> str:
        if key in expanded:
            return expanded[key]
        if key in seen:
            raise GrammarError(f"fragments.yaml: fragments.{key}: refers to itself")
        if key not in raw:
            owner = seen[-1] if seen else key
            raise GrammarError(f"fragments.yaml: fragments.{owner}: unknown fragment ${key}")
        text = FRAGMENT_REF.sub(lambda m: f"(?:{expand_key(m.group(1), (*seen, key))})", raw[key])
        expanded[key] = text
        return text

    for key in raw:
        expand_key(key, ())
    return expanded


def expand(pattern: str, where: str) -> str:
    """`pattern` with every `$fragment` replaced by its (expanded) pattern.

    A pattern written over several lines (a YAML block) is in verbose mode: white space outside a
    character class is layout, `#` starts a comment, so each branch can stand on a line of its own
    with what it is for. It is wrapped as a group of its own, `(?x:...)`, which both engines read
    and which stays valid inside a larger pattern (`FirstOf`); a fragment put into it keeps its
    own spaces (`(?-x:...)`)."""
    fragments = _fragments()
    verbose = "\n" in pattern.strip()

    def replace(match: regex.Match) -> str:
        key = match.group(1)
        if key not in fragments:
            raise GrammarError(f"{where}: unknown fragment ${key}")
        return f"(?-x:{fragments[key]})" if verbose else f"(?:{fragments[key]})"

    expanded = FRAGMENT_REF.sub(replace, pattern)
    return f"(?x:{expanded}\n)" if verbose else expanded


def entries(node: Any, filename: str, path: tuple[str, ...] = ()) -> Iterator[tuple[Entry, str]]:
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


@functools.cache
def load(name: str) -> BaseModel:
    """The installed grammar file `name` (without `.yaml`), its entries ready to match: from the
    cache when it was loaded before from the same text and schema (`kehoach.cache`)."""
    if name not in FILES:
        raise GrammarError(f"{name}.yaml: no such grammar")
    text = _read(name)
    digest = hashlib.sha256(f"{_schema_digest()}\n{_read('fragments')}\n{text}".encode()).hexdigest()
    kept = cache.grammar(name, digest)
    if isinstance(kept, FILES[name]):
        return kept
    parsed = parse_grammar(name, text)
    cache.keep_grammar(name, digest, parsed)
    return parsed


@functools.cache
def _schema_digest() -> str:
    """The schema and entry classes' source: a grammar validated by another schema is not reused."""
    return cache.source_digest((schema, match))


def parse_grammar(name: str, text: str) -> BaseModel:
    """The grammar file `name` given as YAML text (an edited copy, a test's broken file), validated,
    its entries ready to match; its `$fragments` are the installed ones."""
    if name not in FILES:
        raise GrammarError(f"{name}.yaml: no such grammar")
    parsed = _validate(name, _yaml(f"{name}.yaml", text), FILES[name])
    if isinstance(parsed, FragmentsFile):
        for key, fragment in parsed.fragments.items():
            where = f"fragments.yaml: fragments.{key}"
            fragment.prepare(expand(f"^(?:${key})$", where), where)  # a fragment matches whole
        return parsed
    # fragments put in place now (an unknown fragment is an error at load); patterns compile on first use
    for entry, where in entries(parsed, f"{name}.yaml"):
        entry.prepare(expand(entry.pattern, where), where)
        if isinstance(entry, ComparatorEntry):
            entry.prepare_after(expand(entry.after, f"{where}.after"))
    return parsed


def check(name: str, text: str | None = None) -> BaseModel:
    """`load` (or `parse_grammar` of `text`), with every pattern compiled now: a broken pattern is
    an error here, not at first use."""
    parsed = load(name) if text is None else parse_grammar(name, text)
    for entry, _ in entries(parsed, f"{name}.yaml"):
        _ = entry.rx
        if isinstance(entry, ComparatorEntry):
            _ = entry.after_rx
    if isinstance(parsed, EncodingsFile):
        for pattern in (parsed.tcvn3_fonts, parsed.vni_fonts):
            compile_entry(pattern, "encodings.yaml: fonts")
    return parsed


# The accessors below are asked on every line by some stages: each is kept, one dictionary look-up.
def _typed(name: str, model: type[M]) -> M:
    parsed = load(name)
    assert isinstance(parsed, model)
    return parsed


@functools.cache
def fragments() -> FragmentsFile:
    return _typed("fragments", FragmentsFile)


@functools.cache
def numbering() -> NumberingFile:
    return _typed("numbering", NumberingFile)


@functools.cache
def roles() -> RolesFile:
    return _typed("roles", RolesFile)


@functools.cache
def doctypes() -> DocTypesFile:
    return _typed("doctypes", DocTypesFile)


@functools.cache
def citations() -> CitationsFile:
    return _typed("citations", CitationsFile)


@functools.cache
def header() -> HeaderFile:
    return _typed("header", HeaderFile)


@functools.cache
def signature() -> SignatureFile:
    return _typed("signature", SignatureFile)


@functools.cache
def reporting() -> ReportingFile:
    return _typed("reporting", ReportingFile)


@functools.cache
def metrics() -> MetricsFile:
    return _typed("metrics", MetricsFile)


@functools.cache
def debris() -> DebrisFile:
    return _typed("debris", DebrisFile)


@functools.cache
def assignments() -> AssignmentsFile:
    return _typed("assignments", AssignmentsFile)


@functools.cache
def diff() -> DiffFile:
    return _typed("diff", DiffFile)


@functools.cache
def encodings() -> EncodingsFile:
    return _typed("encodings", EncodingsFile)


def fragment(name: str) -> str:
    """The expanded pattern of a fragment, for code that builds a pattern around it."""
    patterns = _fragments()
    if name not in patterns:
        raise GrammarError(f"fragments.yaml: no fragment {name}")
    return patterns[name]
