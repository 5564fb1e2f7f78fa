"""normalize: make text comparable without losing what was written.

Guarantees of `clean`:
- the result is NFC;
- dashes (‐ ‑ ‒ – — ― −) are "-", the way Vietnamese plans mean them;
- zero-width characters and soft hyphens are gone, non-breaking and other spaces are " ";
- control characters are gone (terminal escape sequences whole, bells, backspaces, C1 controls,
  bidirectional overrides), so that no writer downstream (a terminal, a spreadsheet, a page) is
  ever handed one: they are never part of what a plan says;
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

from kehoach.memo import remembered

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_CONTROLS = [*range(0x00, 0x09), 0x0e, 0x0f, *range(0x10, 0x20), *range(0x7f, 0xa0), *range(0x202a, 0x202f),
             *range(0x2066, 0x206a)]
_DROP = dict.fromkeys([*map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), *_CONTROLS], None)
# a terminal escape sequence, whole: CSI (colours, clearing), OSC (titles, links) ended by BEL or ST,
# and two-character escapes; what is left of one after its ESC alone is removed would still show
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                                 "\u200a\u202f\u205f\u3000\u000b\u000c"), " ")
_TRANSLATE = {**_DASHES, **_DROP, **_SPACES}
_REPLACEMENT = {chr(code): replacement or "" for code, replacement in _TRANSLATE.items()}
_COLUMN_GAP = regex.compile(r"(?<=\S)(?:[ ]*\t[ \t]*|[ ]{3,})(?=\S)")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")  # stdlib `re`: a third faster on a class of four characters
WHITESPACE = regex.compile(r"\s+")  # any run of white space, for the stages that collapse or drop it


# stdlib `re` finds a character class in a line several times faster than a set test in Python
_SPECIAL = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATE) + "]")
# what `clean` changes or collapses, but for a double space: one scan tells a line with nothing to
# do (most lines), where a scan for each would be made
_WORK = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATE) + "\t\n\r]")


def clean(text: str, *, keep_columns: bool = False) -> str:
    """NFC, unified dashes and spaces, no control characters, collapsed white space (see the
    module's guarantees)."""
    text = unicodedata.normalize("NFC", text)
    if "  " not in text and not _WORK.search(text):
        return text.strip()
    return _clean_normalized(text, keep_columns)


def _clean_normalized(text: str, keep_columns: bool) -> str:
    """`clean` of an NFC text, each change tested for in turn (the way every line went before the
    one-scan test; a test holds the two to the same answers)."""
    # The substitutions run only when needed: most lines have nothing to change, and these
    # checks run in C while the patterns would walk every character in Python's regex engine.
    if "\x1b" in text:  # a whole escape sequence, before its ESC alone is dropped below
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = unify_characters(text)
    if keep_columns and ("\t" in text or "   " in text):
        text = _COLUMN_GAP.sub("\t", text)
        parts = [_collapse(part) for part in text.split("\t")]
        return "\t".join(part for part in parts if part)
    return _collapse(text)


def unify_characters(text: str) -> str:
    """`text.translate(_TRANSLATE)` (dashes, spaces, invisible characters), each kind of character
    the line holds replaced on its own: `translate` looks every character of the line up in the
    table, ten times slower for the one or two kinds a line has."""
    for char in set(_SPECIAL.findall(text)):
        text = text.replace(char, _REPLACEMENT[char])
    return text


def _collapse(text: str) -> str:
    if "  " in text or "\t" in text or "\n" in text or "\r" in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


@functools.cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    # Latin letters with marks, and the three negated relations ("≠" is "=" with a stroke): all the
    # NFC characters whose decomposition starts with an ASCII character, as a test checks
    for code in [*range(0x00C0, 0x1F00), 0x2260, 0x226E, 0x226F]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
    return table


# common punctuation that is not ASCII, and the control character that stands in for it in `fold`
_KEPT = {mark: chr(0x0E + index) for index, mark in enumerate("•“”‘’…–—·§")}
_CONTROL = re.compile("[\x0e-\x17]")


@remembered(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without diacritics, one character per character: for matching only."""
    if text.isascii():
        return text.lower()
    # Fast path, 4x faster than the table: decompose, keep the ASCII. It gives one character per
    # character exactly when every letter is an ASCII letter with marks (as Vietnamese is, "đ"
    # aside). The punctuation plans use most is set aside as control characters and put back;
    # any other symbol, or an already decomposed letter, changes the length: that line takes the table.
    kept = [mark for mark in _KEPT if mark in text]
    if kept and _CONTROL.search(text):
        return fold_by_table(text)
    marked = text.replace("đ", "d").replace("Đ", "D")
    for mark in kept:
        marked = marked.replace(mark, _KEPT[mark])
    stripped = unicodedata.normalize("NFD", marked).encode("ascii", "ignore").decode("ascii")
    if len(stripped) != len(text):
        return fold_by_table(text)
    for mark in kept:
        stripped = stripped.replace(_KEPT[mark], mark)
    return stripped.lower()


def fold_by_table(text: str) -> str:
    """`fold` one character at a time through a table (the reference the fast path must agree with)."""
    return text.translate(_fold_table()).lower()


# str.lower, remembered for the last texts: grammar entries test their required words on the
# lower-cased text, and several stages ask about the same paragraph in turn. Each stage goes
# through the whole plan before the next: the memo holds a long plan's paragraphs (a 300-page plan
# has about 3,300), or it would forget each one before the next stage asks again.
lower = remembered(maxsize=16384)(str.lower)


def occurrences(text: str, words, start: int = 0, end: int | None = None, *, whole_words: bool = False) -> list[int]:
    """Where each of `words` stands in `text[start:end]`, overlaps included, in order; with
    `whole_words`, only where no letter stands right before or after it. Substring search runs in
    C, where a pattern of alternative words is tried at every character."""
    if end is None:
        end = len(text)
    found = []
    for word in words:
        at = text.find(word, start, end)
        while at != -1:
            if not whole_words or ((at == 0 or not text[at - 1].isalpha())
                                   and not text[at + len(word):at + len(word) + 1].isalpha()):
                found.append(at)
            at = text.find(word, at + 1, end)
    if len(found) > 1:
        found.sort()
    return found


# what is not a letter or a digit (stdlib `re`: faster here than `regex`, and its alphanumerics
# are the same letters and numbers)
_KEY_JUNK = re.compile(r"[\W_]+")
# the same for ASCII text (what most folded lines are): each ASCII character that is not a letter
# or a digit made a space, then the spaces collapsed; twice as fast as the pattern's many matches
_ASCII_JUNK = str.maketrans({chr(code): " " for code in range(128) if not chr(code).isalnum()})


@remembered(maxsize=16384)
def key(text: str) -> str:
    """A matching key: folded, punctuation and spacing reduced to single spaces. Remembered: the
    outline asks it of every heading for its role, the legal basis again for its own."""
    folded = fold(text)
    if folded.isascii():
        return " ".join(folded.translate(_ASCII_JUNK).split())
    return _KEY_JUNK.sub(" ", folded).strip()


_UPPER = regex.compile(r"\p{Lu}")
_LETTER = regex.compile(r"\p{L}")


def is_upper(text: str, share: float = 0.75) -> bool:
    """Mostly capital letters (a heading or a header line), with at least two letters."""
    letters = len(_LETTER.findall(text))
    return letters >= 2 and len(_UPPER.findall(text)) >= share * letters

