"""What a section is for, from its heading's vocabulary (grammars/roles.yaml)."""

from __future__ import annotations

import functools

from kehoach import grammar
from kehoach.models import Role
from kehoach.normalize import key


@functools.cache
def _vocabulary():
    data = grammar.roles()
    phrases = {key(phrase): entry.role for entry in data.roles for phrase in entry.phrases}
    openings = sorted(((key(o), entry.role) for entry in data.roles for o in entry.openings),
                      key=lambda pair: len(pair[0]), reverse=True)
    keywords = [(key(k), entry.role) for entry in data.roles for k in entry.keywords]
    # each opening as a whole word or words: "muc tieu" opens "muc tieu cu the", not "muc tieuxyz"
    starts = tuple(opening + " " for opening, _ in openings)
    return phrases, openings, keywords, data.max_opening_words, starts, {opening for opening, _ in openings}


def role_of(title: str) -> Role | None:
    """The role a heading names, or None when it names none or several ("QUAN ĐIỂM - MỤC ĐÍCH")."""
    phrases, openings, keywords, max_words, starts, whole = _vocabulary()
    folded = key(title)
    if folded in phrases:
        return phrases[folded]
    if len(folded.split()) > max_words or not (folded in whole or folded.startswith(starts)):
        return None  # the usual case, told in C: a heading that opens with no role's words
    for opening, role in openings:
        if folded == opening or folded.startswith(opening + " "):
            remainder = f" {folded[len(opening):]} "
            if any(f" {word} " in remainder for word, other in keywords if other != role):
                return None
            return role
    return None
