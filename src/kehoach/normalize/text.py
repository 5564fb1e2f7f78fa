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
- a symbol font's bullet at the start of a line (Word's Symbol and Wingdings bullets reach a PDF's
  text as private-use characters, U+F000-U+F0FF) is "•";
- nothing else changes: tone marks stay as written ("hoà" stays "hoà"), letters keep their case.

`fold` is for matching only: lower case, no tone marks or diacritics, "đ" as "d", one character
for one character (so offsets in a folded string are offsets in the original).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from kehoach.cache import compile_regex

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
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATE) + "]")  # a line the table changes
_COLUMN_GAP = compile_regex(r"(?<=\S)(?:[ ]*\t[ \t]*|[ ]{3,})(?=\S)")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")
_SYMBOL_BULLET = re.compile(r"[\uf000-\uf0ff](?=[ \t])")
WHITESPACE = compile_regex(r"\s+")  # any run of white space, for the stages that collapse or drop it



def clean(text: str, *, keep_columns: bool = False) -> str:
    """NFC, unified dashes and spaces, no control characters, collapsed white space (see the
    module's guarantees). Each step runs only on a line that has something for it to do."""
    text = unify(text)
    if text[:1] >= "\uf000" and _SYMBOL_BULLET.match(text):
        text = _SYMBOL_BULLET.sub("\u2022", text, count=1)
    if keep_columns and ("\t" in text or "   " in text):
        text = _COLUMN_GAP.sub("\t", text)
        parts = [_collapse(part) for part in text.split("\t")]
        return "\t".join(part for part in parts if part)
    return _collapse(text)


def unify(text: str) -> str:
    """The characters as `clean` leaves them (NFC, one kind of dash, each space of another kind a
    plain space, invisible and control characters gone), with lines and runs of spaces kept: for
    a reader's own look at a whole text before the normalize stage (markdown marks, glyph-loss
    repair), which then sees text saved with marks apart (NFD) or with non-breaking spaces as it
    sees any other."""
    if "\x1b" in text:  # a whole escape sequence, before its ESC alone is dropped by the table
        text = _ESCAPE_SEQUENCE.sub("", text)
    if _TRANSLATED.search(text):
        text = text.translate(_TRANSLATE)
    # composed after the table: a dropped invisible character may have stood between a letter and its mark
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _collapse(text: str) -> str:
    if "  " in text or "\t" in text or "\n" in text or "\r" in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


@functools.cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    # Latin letters with marks, the Greek question mark (";"), and the three negated relations ("≠"
    # is "=" with a stroke): all the NFC characters below U+1F00 whose decomposition starts with an
    # ASCII character, and those three, as a test checks. Only the blocks that hold them are walked.
    for code in [*range(0x00C0, 0x0250), 0x037E, *range(0x1E00, 0x1F00), 0x2260, 0x226E, 0x226F]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
    return table


def fold(text: str) -> str:
    """Lower case without diacritics, one character per character: for matching only."""
    return text.translate(_fold_table()).lower()


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


_KEY_JUNK = re.compile(r"[\W_]+")  # what is not a letter or a digit


def key(text: str) -> str:
    """A matching key: folded, punctuation and spacing reduced to single spaces."""
    return _KEY_JUNK.sub(" ", fold(text)).strip()


def is_upper(text: str, share: float = 0.75) -> bool:
    """Mostly capital letters (a heading or a header line), with at least two letters."""
    letters = sum(map(str.isalpha, text))
    return letters >= 2 and sum(map(str.isupper, text)) >= share * letters

