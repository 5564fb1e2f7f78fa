"""Matching with grammar entries: an `Entry` is a pattern with the words every match holds or
begins with, its examples and counter-examples; `FirstOf` tries several entries as one pattern.

The words an entry declares (`requires`, `starts_with`) are a filter written in the grammar: text
holding none of them is passed over without running the pattern, and a pattern that can only begin
at one of its `starts_with` words is tried only where one stands. `tests/test_grammar_match.py`
holds every entry to the answers of its bare pattern (`Entry.rx`), the plain twin of this filter.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, PrivateAttr, field_validator

from kehoach.cache import compile_either, compile_regex
from kehoach.errors import GrammarError
from kehoach.normalize.text import occurrences


class Strict(BaseModel):
    """A grammar file's part: an unknown key is an error naming it."""

    # validators are built when a file is validated, not at import: a grammar loaded from the cache
    # (kehoach.cache) is never validated again in that run
    model_config = ConfigDict(extra="forbid", defer_build=True)


def compile_pattern(pattern: str) -> regex.Pattern:
    """A pattern compiled by the standard engine when it reads it (it runs short matches in half the
    time of `regex`), by `regex` otherwise (\\p{Lu}, look-behinds of varying width, group names
    shared between alternatives). Both engines read the syntax they share the same way, and every
    entry's examples and counter-examples are checked against the engine that compiled it."""
    return compile_either(pattern)  # the two engines' patterns answer alike


class Entry(Strict):
    """A pattern with the examples it must match and the counter-examples it must not."""

    description: str = ""
    pattern: str
    # lower-case words of which every match contains at least one
    requires: list[str] = []
    # lower-case words every match begins with
    starts_with: list[str] = []
    examples: list[str] = []
    counter_examples: list[str] = []
    _expanded: str | None = PrivateAttr(default=None)  # the pattern with its fragments in place
    _where: str | None = PrivateAttr(default=None)  # "file.yaml: key", for errors

    @field_validator("requires", "starts_with")
    @classmethod
    def _lower_case(cls, words: list[str]) -> list[str]:
        for word in words:
            if not word or word != word.lower():
                raise ValueError(f"required words are lower case and not empty: {word!r}")
        return words

    def prepare(self, expanded: str, where: str) -> None:
        """Called by the loader: the pattern with its fragments in place, and the key that names
        the entry in errors. The pattern compiles on first use (a plan uses only some entries)."""
        self._expanded, self._where = expanded, where

    @property
    def where(self) -> str:
        return self._where or "(not loaded)"

    @functools.cached_property
    def rx(self) -> regex.Pattern:
        """The compiled pattern, alone: the oracle the filtered `search` and `finditer` agree with."""
        if self._expanded is None:
            raise GrammarError("pattern used before its grammar was loaded")
        return compile_entry(self._expanded, self.where)

    @functools.cached_property
    def caseless(self) -> bool:
        """The entry's words have no letters ("./.", "["): a text's case does not matter to them."""
        words = self.requires or self.starts_with
        return all(word == word.upper() for word in words)

    def possible(self, text: str, lowered: str | None = None) -> bool:
        """False when `text` cannot match: it holds none of the required words (or, for an entry
        that names none, none of the words its matches start with). `lowered`: `text.lower()`,
        given by a caller that asks several entries about one text."""
        words = self.requires or self.starts_with
        if not words:
            return True
        if any(map(text.__contains__, words)):
            return True
        if self.caseless:
            return False  # lower case would change nothing
        lowered = text.lower() if lowered is None else lowered
        return any(map(lowered.__contains__, words))

    def search(self, text: str, *bounds: int, lowered: str | None = None) -> regex.Match | None:
        if not self.requires and not self.starts_with:  # no words named: the bare pattern
            return self.rx.search(text, *bounds)
        if self.starts_with and lowered is None:
            lowered = text.lower()  # once, for both the filter and the places
        if not self.possible(text, lowered):
            return None
        starts = self._starts(text, *bounds, lowered=lowered)
        if starts is None:
            return self.rx.search(text, *bounds)
        return next(self._matches_at(text, starts, *bounds), None)

    def finditer(self, text: str, *bounds: int, lowered: str | None = None) -> Iterator[regex.Match]:
        if not self.requires and not self.starts_with:
            return self.rx.finditer(text, *bounds)
        if self.starts_with and lowered is None:
            lowered = text.lower()
        if not self.possible(text, lowered):
            return iter(())
        starts = self._starts(text, *bounds, lowered=lowered)
        if starts is None:
            return self.rx.finditer(text, *bounds)
        return self._matches_at(text, starts, *bounds)

    def matches(self, text: str) -> bool:
        return self.search(text) is not None

    def _starts(self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
                ) -> list[int] | None:
        """Where a match can begin: the places one of `starts_with` stands, in order; None when the
        entry names no such words, or when lower case changes the text's length (the offsets would
        not agree) and the pattern must scan."""
        if not self.starts_with:
            return None
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) != len(text):
            return None
        places = occurrences(lowered, self.starts_with)
        stop = len(text) if end is None else end
        return places[bisect.bisect_left(places, start):bisect.bisect_left(places, stop)]

    def _matches_at(self, text: str, starts: list[int], start: int = 0, end: int | None = None
                    ) -> Iterator[regex.Match]:
        """What `finditer` gives for a pattern that can only begin at one of `starts`: the match at
        the first of them, then at the first that lies past its end, and so on."""
        rx = self.rx
        stop = len(text) if end is None else end
        reached = start
        for position in starts:
            if position < reached:
                continue
            match = rx.match(text, position, stop)
            if match:
                reached = max(match.end(), position + 1)
                yield match


def compile_entry(expanded: str, where: str) -> regex.Pattern:
    """`compile_pattern`, with an error that names the grammar key."""
    try:
        return compile_pattern(expanded)
    except regex.error as exc:
        raise GrammarError(f"{where}: invalid pattern: {exc}") from exc


def _alternative(pattern: str) -> str:
    """`pattern` as one alternative: grouped when it holds a "|" of its own at the top level (its
    last branch alone would otherwise carry the name)."""
    depth, in_class, index = 0, False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1 if pattern[index + 1:index + 2] != "]" else 2  # "[]...]": the "]" is a member
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return f"(?:{pattern})"
        index += 1
    return pattern


class FirstOf:
    """Entries tried in their order, as one alternation: one match call where a loop would make one
    per entry. The engine tries the alternatives in order, so the first entry that matches still
    wins; `which` says which one it was (entries may share group names: `regex` allows it).

    Each alternative ends with an empty group that names it: a group around the whole alternative
    would keep the engine from skipping the places where an anchored pattern ("^...") cannot match.
    The plain twin, a loop over the entries, is the oracle of `tests/test_grammar_match.py`."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        names = {f"_first_of_{index}": entry for index, entry in enumerate(self.entries)}
        self.rx = compile_regex("|".join(f"(?:{_alternative(entry.rx.pattern)}(?P<{name}>))"
                                         for name, entry in names.items()))
        self._numbers = [(self.rx.groupindex[name], entry) for name, entry in names.items()]

    def which(self, match: regex.Match) -> Any:
        """The entry whose alternative `match` (a match of `rx`) is: the one whose empty group took
        part (not `lastgroup`: with group names shared between entries, `regex` may name another)."""
        groups = match.groups()
        return next(entry for number, entry in self._numbers if groups[number - 1] is not None)
