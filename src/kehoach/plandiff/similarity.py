"""Similarity of two texts for the diff: accent-folded syllable n-grams, localised.

Before comparing, abbreviations are written out ("HV" -> "hội viên"), administrative levels become
one word ("tỉnh", "huyện", "xã" -> a placeholder: a province's plan carried down to a district says
"huyện" where the parent said "tỉnh"), figures are left out (they are compared as metrics), and
function words are dropped. Texts are compared on their unigrams and bigrams: `dice` is symmetric;
`coverage` is the share of the first text found in the second (a merged item covers both parents).
"""

from __future__ import annotations

import functools
import itertools

import regex
from rapidfuzz import fuzz

from kehoach import grammar
from kehoach.cache import compile_regex
from kehoach.normalize.text import key

_FIGURES = compile_regex(r"\d+(?:[.,]\d+)*\s*%?")


@functools.cache
def _rules():
    data = grammar.diff()
    abbreviations = [(regex.compile(rf"(?<![\p{{L}}\d]){regex.escape(short)}(?![\p{{L}}\d])"), full)
                     for short, full in sorted(data.abbreviations.items(), key=lambda item: -len(item[0]))]
    return abbreviations, data.levels.rx, frozenset(key(word) for word in data.stopwords)


@functools.lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    abbreviations, levels, stopwords = _rules()
    for pattern, full in abbreviations:
        text = pattern.sub(full, text)
    text = levels.sub(" capdv ", text)
    text = _FIGURES.sub(" ", text)
    return tuple(word for word in key(text).split() if word not in stopwords)


@functools.lru_cache(maxsize=4096)
def grams(text: str) -> frozenset:
    words = syllables(text)
    return frozenset(words) | frozenset(itertools.pairwise(words))


def dice(a: str, b: str) -> float:
    first, second = grams(a), grams(b)
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def coverage(a: str, b: str) -> float:
    """How much of `a` is found in `b`."""
    first = grams(a)
    return len(first & grams(b)) / len(first) if first else 0.0


def token_set(a: str, b: str) -> float:
    """rapidfuzz's token set ratio on the normalised syllables (subset-aware), 0..1."""
    return fuzz.token_set_ratio(" ".join(syllables(a)), " ".join(syllables(b))) / 100.0
