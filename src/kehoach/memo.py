"""Memos of pure functions of a text (folding, lower case, a line's numbering label).

Several stages ask the same question of the same line, so the answers are remembered. `clear`
forgets them all: the benchmarks call it before each timed parse, so that a document parsed again
is timed as the first time, not helped by answers kept from its previous parse.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)
_MEMOS: list = []


def remembered(maxsize: int) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, registered for `clear`."""

    def wrap(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _MEMOS.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def clear() -> None:
    for cached in _MEMOS:
        cached.cache_clear()
