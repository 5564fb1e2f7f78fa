"""Global one-to-one alignment of two lists by similarity (the assignment problem, solved whole)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

T = TypeVar("T")


def align(parents: Sequence[T], children: Sequence[T], similarity: Callable[[T, T], float],
          threshold: float) -> tuple[dict[int, tuple[int, float]], np.ndarray]:
    """parent index -> (child index, score) for the pairs of the best total similarity whose score
    reaches `threshold`; and the whole similarity matrix."""
    matrix = np.zeros((len(parents), len(children)))
    for i, parent in enumerate(parents):
        for j, child in enumerate(children):
            matrix[i, j] = similarity(parent, child)
    if not len(parents) or not len(children):
        return {}, matrix
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    pairs = {int(i): (int(j), float(matrix[i, j])) for i, j in zip(rows, cols, strict=True)
             if matrix[i, j] >= threshold}
    return pairs, matrix
