"""Document types: recognising the type of a document from its type line, its words or its number."""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import regex

from kehoach import grammar
from kehoach.cache import compile_either, compile_regex
from kehoach.normalize.text import WHITESPACE, fold

# patterns used in loops, compiled once
_NUMBER_SEPARATORS = compile_regex(r"[-/\s]+")
_TRAILING_DIGITS = compile_regex(r"\d+$")


@dataclass(frozen=True)
class DocType:
    name: str
    plan: bool
    numberless: bool
    codes: tuple[str, ...]


@functools.cache
def _types() -> list[DocType]:
    return [DocType(t.name, t.plan, t.numberless, tuple(t.codes)) for t in grammar.doctypes().types]


@functools.cache
def word_pattern() -> tuple[re.Pattern | regex.Pattern, dict[str, DocType]]:
    """Every type word, matched on folded text, as one alternation, longest first: where several
    match at one place ("ke hoach", "ke hoach hanh dong"), the longest. Compiled with the standard
    library's `re`, which scans plain words faster than `regex` (its program kept in the cache: the
    alternation of every type word takes longer to compile than a plan to read); the start of a word
    is checked in `find_words`, where a look-behind would be tried at every position."""
    by_word: dict[str, DocType] = {}
    for entry, doc_type in zip(grammar.doctypes().types, _types(), strict=True):
        for word in entry.words:
            by_word.setdefault(fold(word), doc_type)
    words = sorted(by_word, key=len, reverse=True)
    alternation = "|".join(re.escape(word).replace(r"\ ", r"[ \t]+") for word in words)
    glued = fold(grammar.doctypes().glued_number_word)
    end = rf"(?![^\W_])|(?={re.escape(glued)}[ \t]*:?[ \t]*\d)" if glued else r"(?![^\W_])"
    return compile_either(rf"(?:{alternation})(?:{end})"), by_word


def type_named(word: str) -> DocType | None:
    """The type a word names ("Kế Hoạch", "QUYẾT ĐỊNH", "Chương trình hành động")."""
    _, by_word = word_pattern()
    return by_word.get(WHITESPACE.sub(" ", fold(word)).strip())


def find_words(text: str, start: int = 0):
    """Every type word in `text` (any case): (start, end, DocType)."""
    pattern, by_word = word_pattern()
    folded = fold(text)
    match = pattern.search(folded, start)
    while match:
        at = match.start()
        if at == 0 or not folded[at - 1].isalnum():
            word = match.group()  # its words apart by spaces or tabs: most often one space
            yield at, match.end(), by_word[word if "  " not in word and "\t" not in word else WHITESPACE.sub(" ", word)]
            match = pattern.search(folded, match.end())
        else:
            match = pattern.search(folded, at + 1)  # inside a longer word: look again just after


def type_line(text: str, folded: str | None = None) -> tuple[DocType, str] | None:
    """A header's type line: the type word in capitals at the start ("KẾ HOẠCH", "QUYẾT ĐỊNH Phê
    duyệt ..."), or in any case alone on its line; returns the type and what follows it on the
    line. `folded`: `fold(text)`, when the caller has it."""
    pattern, by_word = word_pattern()
    match = pattern.match(fold(text) if folded is None else folded)
    if match is None:
        return None
    word = text[:match.end()]
    rest = text[match.end():].strip(" :.-\t")
    if word != word.upper() and rest:
        return None  # in small letters only alone on its line ("Kế hoạch", a copy that lowered it)
    if rest[:1].islower():
        return None  # "KẾ HOẠCH triển khai" is a sentence, not a type line
    return by_word[WHITESPACE.sub(" ", match.group())], rest


def type_from_number(number: str | None) -> DocType | None:
    """The type named by the code in a document number: KH in 11/KH-BTV, QĐ in 178/QĐ-TTg."""
    if not number:
        return None
    codes = {code.casefold(): t for t in _types() for code in t.codes}
    for part in _NUMBER_SEPARATORS.split(number):
        if not part or part.isdigit():
            continue
        found = codes.get(part.casefold()) or codes.get(_TRAILING_DIGITS.sub("", part).casefold())
        if found:
            return found
    return None


def type_from_markers(lines: list[str]) -> DocType | None:
    """The type shown by a header line when no type line is printed ("V/v ..." -> Công văn)."""
    by_name = {t.name: t for t in _types()}
    for line in lines:
        for marker in grammar.doctypes().markers:
            if marker.rx.search(line) and marker.type in by_name:
                return by_name[marker.type]
    return None


def has_plan_sections(roles: AbstractSet[str]) -> bool:
    """Whether sections with these roles make a plan (purpose, tasks, organisation ...)."""
    return len(roles & set(grammar.doctypes().plan_roles)) >= 2


def unknown_type() -> DocType:
    return DocType(grammar.doctypes().unknown, plan=False, numberless=False, codes=())


def plan_type() -> DocType:
    return next(t for t in _types() if t.plan)
