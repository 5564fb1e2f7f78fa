"""What a section is for, from its heading's vocabulary (grammars/roles.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kehoach import grammar
from kehoach.models import Role
from kehoach.normalize.text import fold, is_upper, key


@dataclass(frozen=True)
class _Vocabulary:
    phrases: dict[str, Role]  # a whole heading -> its role
    openings: list[tuple[str, str, Role]]  # (opening, opening + " ", role), longest first
    keywords: list[tuple[str, Role]]
    max_words: int
    # every opening as a whole word or words ("muc tieu" opens "muc tieu cu the", not "muc tieuxyz"):
    # a heading that starts with none of them is told in one C call
    starts: tuple[str, ...]
    whole: frozenset[str]


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = grammar.roles()
    phrases = {key(phrase): entry.role for entry in data.roles for phrase in entry.phrases}
    openings = sorted(((key(o), entry.role) for entry in data.roles for o in entry.openings),
                      key=lambda pair: len(pair[0]), reverse=True)
    keywords = [(key(k), entry.role) for entry in data.roles for k in entry.keywords]
    return _Vocabulary(phrases, [(opening, opening + " ", role) for opening, role in openings], keywords,
                       data.max_opening_words, tuple(opening + " " for opening, _ in openings),
                       frozenset(opening for opening, _ in openings))


def role_of(title: str) -> Role | None:
    """The role a heading names, or None when it names none or several ("QUAN ĐIỂM - MỤC ĐÍCH")."""
    vocabulary = _vocabulary()
    folded = key(title)
    if folded in vocabulary.phrases:
        return vocabulary.phrases[folded]
    if len(folded.split()) > vocabulary.max_words or not (
            folded in vocabulary.whole or folded.startswith(vocabulary.starts)):
        return None
    for opening, start, role in vocabulary.openings:
        if folded == opening or folded.startswith(start):
            remainder = f" {folded[len(opening):]} "
            if any(f" {word} " in remainder for word, other in vocabulary.keywords if other != role):
                return None
            return role
    return None


@functools.cache
def _spellings() -> dict[str, str]:
    return {fold(phrase): phrase for entry in grammar.roles().roles for phrase in entry.phrases}


def with_its_marks(title: str) -> str | None:
    """A heading whose letters are a role phrase's but whose marks are not ("CHÍ TIỂU", "MỤC ĐÍCH,
    YÊU CẤU": a scan misread the small marks over capitals), written as the phrase in the
    heading's case; None when it is no phrase, or is written so already. For OCR's lines only: a
    typed heading is kept as printed."""
    phrase = _spellings().get(fold(title))
    if phrase is None:
        return None
    spelled = phrase.upper() if is_upper(title) else phrase if title[:1].isupper() else None
    return spelled if spelled is not None and spelled != title else None
