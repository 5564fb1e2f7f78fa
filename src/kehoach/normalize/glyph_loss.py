"""A text whose font lost the Vietnamese letters, its structural words put back.

A document-sharing site's text of an old PDF can lack every letter of Unicode's Latin Extended
Additional block and "Đ"/"đ", each printed as a space ("C NG HOÀ XÃ H I CH NGHĨA VI T NAM", "Căn c
Ngh nh s 17/2008/N -CP"), with a few drawn as another letter ("QUY T NNH"). No Vietnamese page of any
length lacks those letters, so such a text is told by their absence. The words that carry a plan's
structure (grammars/encodings.yaml `glyph_loss`: the motto, the type words, the openers, and the
short words where their place shows them) are put back; names, titles and places
stay as printed, which is what the page says.
"""

from __future__ import annotations

import functools

import regex

from kehoach import grammar
from kehoach.cache import compile_regex
from kehoach.normalize.text import WHITESPACE

_LETTER = compile_regex(r"\p{L}")


@functools.cache
def _lost() -> regex.Pattern:
    """The letters such a font lost: asked of every text, so compiled alone."""
    return regex.compile(grammar.encodings().glyph_loss.lost)


@functools.cache
def _repairs() -> tuple[list[tuple[regex.Pattern, str]], list[tuple[regex.Pattern, str]]]:
    """(the damaged long words, the short words known by their place): built only for a text that
    lost its letters."""
    rules = grammar.encodings().glyph_loss
    lost = _lost()

    def damaged(word: str) -> str:
        letters = "".join(rules.drawn_as.get(char, " " if lost.match(char) else char) for char in word)
        return WHITESPACE.sub(" ", letters).strip()

    replacements: dict[str, str] = {}
    for word in rules.words:
        for form in {word, word.upper(), word[:1].lower() + word[1:]}:
            broken = damaged(form)
            if broken != form and len(broken.replace(" ", "")) >= 4:
                replacements.setdefault(broken, form)
    words = [(regex.compile(r"(?<![\p{L}\d])" + regex.escape(broken).replace(r"\ ", r"[ \t]+") + r"(?![\p{L}\d])"),
              form) for broken, form in sorted(replacements.items(), key=lambda item: -len(item[0]))]
    shorts = [(regex.compile(short.damaged), short.word) for short in rules.in_context]
    return words, shorts


def repair_glyph_loss(text: str) -> tuple[str, int]:
    """The text with its structural words put back where its font lost their letters, and how many
    were. The damaged part is a run of lines none of which holds a fragile letter, long enough that
    Vietnamese would hold some (a sharing site's own lines around it are intact); the rest is left."""
    lost, min_letters = _lost(), grammar.encodings().glyph_loss.min_letters
    lines = text.split("\n")
    count = 0
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lost.search(lines[end]) is None:
            end += 1
        if end > start and sum(len(_LETTER.findall(line)) for line in lines[start:end]) >= min_letters:
            run = "\n".join(lines[start:end])
            words, shorts = _repairs()
            known = 0
            for pattern, word in words:
                run, made = pattern.subn(word, run)
                known += made
            # the short words only where a long one showed the loss: a text without any accent
            # ("Ke hoach so 12"), or English, lacks the letters too but none of the damaged words
            for pattern, word in shorts if known else ():
                run, made = pattern.subn(word, run)
                known += made
            count += known
            lines[start:end] = run.split("\n")
        start = end + 1
    return ("\n".join(lines), count) if count else (text, 0)
