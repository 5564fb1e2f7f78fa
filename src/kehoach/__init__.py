"""kehoach: Vietnamese administrative plans (Kế hoạch) as structured, validated data.

    >>> import kehoach
    >>> plan = kehoach.parse("plan.docx")        # doctest: +SKIP
    >>> plan.header.number                        # doctest: +SKIP
    '11/KH-BTV'

Heavy modules are imported on first use, so `import kehoach` stays cheap.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Limits", "Result", "__version__", "diff", "parse", "parse_many", "parse_text"]

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from kehoach.batch import Result
    from kehoach.limits import Limits
    from kehoach.models import Plan, PlanDiff


def parse(source: str | os.PathLike | bytes, *, name: str | None = None, ocr: str = "auto",
          limits: Limits | None = None) -> Plan:
    """Parse a plan from a path (a `str` is always a path) or the raw bytes of a file; text is
    given to `parse_text`. Pure: reads the file, writes nothing. `ocr` ("auto", "always", "never")
    says which pages of a PDF are read by OCR; `limits` (`kehoach.Limits`) bounds input size, pages,
    OCR pages and pixels, unpacked sizes and PDF operators. Raises `kehoach.errors.InputError` (its
    `path` the file, its `problem` one clear line) for a file that cannot be read as a plan.

    The memory cap and the hard time limit need a process of their own: `parse_many` gives each
    file one; this call runs in the caller's process."""
    from kehoach.limits import DEFAULT
    from kehoach.pipeline import parse as _parse

    return _parse(source, name=name, ocr=ocr, limits=limits or DEFAULT)


def parse_text(text: str, *, name: str = "<text>") -> Plan:
    """Parse a plan given as text (plain text or markdown)."""
    from kehoach.pipeline import parse_text as _parse_text

    return _parse_text(text, name=name)


def parse_many(paths: Iterable, *, jobs: int | None = None, timeout: float | None = None,
               ocr: str = "auto", limits: Limits | None = None) -> Iterator[Result]:
    """Parse many files, `jobs` at a time (default the number of cores); yields a `Result` (path,
    plan or error, seconds) per file, in input order. A bad file never stops the others. With more
    than one job each file is parsed in a child process of its own, under `limits.max_memory` and
    killed at its time limit (`timeout` seconds, default `limits.timeout`, 300 s)."""
    from kehoach.batch import parse_many as _parse_many
    from kehoach.limits import DEFAULT

    return _parse_many(paths, jobs=jobs, timeout=timeout, ocr=ocr, limits=limits or DEFAULT)


def diff(parent: Plan, child: Plan) -> PlanDiff:
    """Compare a child plan with the parent plan it carries out. Pure."""
    from kehoach.plandiff import diff as _diff

    return _diff(parent, child)


def __getattr__(name: str):
    if name == "Result":
        from kehoach.batch import Result

        return Result
    if name == "Limits":
        from kehoach.limits import Limits

        return Limits
    raise AttributeError(name)
