"""normalize: make text comparable without losing what was written.

Guarantees of `clean`:
- the result is NFC;
- dashes (‐ ‑ ‒ – — ― −) are "-", the way Vietnamese plans mean them;
- zero-width characters and soft hyphens are gone, non-breaking and other spaces are " ";
- runs of white space are one space, except that a column gap (a tab, or three spaces and more
  between words) is kept as one tab when `keep_columns` is set: header and signature blocks are
  two columns flattened onto one line, and the tab is where they split;
- nothing else changes: tone marks stay as written ("hoà" stays "hoà"), letters keep their case.

`fold` is for matching only: lower case, no tone marks or diacritics, "đ" as "d", one character
for one character (so offsets in a folded string are offsets in the original).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                                 "\u200a\u202f\u205f\u3000\u000b\u000c"), " ")
_TRANSLATE = {**_DASHES, **_DROP, **_SPACES}
_COLUMN_GAP = regex.compile(r"(?<=\S)(?:[ ]*\t[ \t]*|[ ]{3,})(?=\S)")
_SPACE_RUN = regex.compile(r"[ \t\r\n]+")
WHITESPACE = regex.compile(r"\s+")  # any run of white space, for the stages that collapse or drop it


# stdlib `re` finds a character class in a line several times faster than a set test in Python
_SPECIAL = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATE) + "]")


def clean(text: str, *, keep_columns: bool = False) -> str:
    """NFC, unified dashes and spaces, collapsed white space (see the module's guarantees)."""
    text = unicodedata.normalize("NFC", text)
    # The substitutions run only when needed: most lines have nothing to change, and these
    # checks run in C while the patterns would walk every character in Python's regex engine.
    if _SPECIAL.search(text):
        text = text.translate(_TRANSLATE)
    if keep_columns and ("\t" in text or "   " in text):
        text = _COLUMN_GAP.sub("\t", text)
        parts = [_collapse(part) for part in text.split("\t")]
        return "\t".join(part for part in parts if part)
    return _collapse(text)


def _collapse(text: str) -> str:
    if "  " in text or "\t" in text or "\n" in text or "\r" in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


@functools.cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
    return table


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without diacritics, one character per character: for matching only."""
    if text.isascii():
        return text.lower()
    return text.translate(_fold_table()).lower()


# str.lower, remembered for the last texts: grammar entries test their required words on the
# lower-cased text, and several stages ask about the same paragraph in turn.
lower = functools.lru_cache(maxsize=1024)(str.lower)

_KEY_JUNK = regex.compile(r"[^\p{L}\p{N}]+")


def key(text: str) -> str:
    """A matching key: folded, punctuation and spacing reduced to single spaces."""
    return _KEY_JUNK.sub(" ", fold(text)).strip()


_UPPER = regex.compile(r"\p{Lu}")
_LETTER = regex.compile(r"\p{L}")


def is_upper(text: str, share: float = 0.75) -> bool:
    """Mostly capital letters (a heading or a header line), with at least two letters."""
    letters = len(_LETTER.findall(text))
    return letters >= 2 and len(_UPPER.findall(text)) >= share * letters

