"""kehoach: Vietnamese administrative plans (Kế hoạch) as structured, validated data.

    >>> import kehoach
    >>> plan = kehoach.parse("plan.docx")        # doctest: +SKIP
    >>> plan.header.number                        # doctest: +SKIP
    '11/KH-BTV'

Heavy modules are imported on first use, so `import kehoach` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "GrammarError", "InputError", "KehoachError", "Limits", "OcrMode", "OutputError", "Plan", "PlanDiff", "Result",
    "__version__", "diff", "parse", "parse_many", "parse_text",
]

if TYPE_CHECKING:
    from kehoach.batch import Result
    from kehoach.errors import GrammarError, InputError, KehoachError, OutputError
    from kehoach.limits import Limits, OcrMode
    from kehoach.models import Plan, PlanDiff


def parse(source: str | os.PathLike[str] | bytes, *, name: str | None = None, ocr: OcrMode | str = "auto",
          limits: Limits | None = None) -> Plan:
    """Parse a plan from a path (a `str` is always a path) or the raw bytes of a file; text is
    given to `parse_text`. Pure: reads the file, writes nothing. `ocr` (`kehoach.OcrMode`: auto,
    always, never) says which pages of a PDF are read by OCR; `limits` (`kehoach.Limits`) bounds
    input size, pages, OCR pages and pixels, unpacked sizes and PDF operators. Raises
    `kehoach.InputError` (its `path` the file, its `problem` one clear line) for a file that cannot
    be read as a plan.

    The memory cap and the hard time limit need a process of their own: `parse_many` gives each
    file one; this call runs in the caller's process."""
    from kehoach.limits import DEFAULT
    from kehoach.pipeline import parse as parse_stages

    return parse_stages(source, name=name, ocr=ocr, limits=limits or DEFAULT)


def parse_text(text: str, *, name: str = "<text>") -> Plan:
    """Parse a plan given as text (plain text or markdown)."""
    from kehoach.pipeline import parse_text as parse_stages_text

    return parse_stages_text(text, name=name)


def parse_many(paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None, timeout: float | None = None,
               ocr: OcrMode | str = "auto", limits: Limits | None = None) -> Iterator[Result]:
    """Parse many files, `jobs` at a time (default the number of cores); yields a `Result` (path,
    plan or error, seconds) per file, in input order. A bad file never stops the others. With more
    than one job each file is parsed in a child process of its own, under `limits.max_memory` and
    killed at its time limit (`timeout` seconds, default `limits.timeout`, 300 s)."""
    from kehoach.batch import parse_many as parse_batch
    from kehoach.limits import DEFAULT

    return parse_batch(paths, jobs=jobs, timeout=timeout, ocr=str(ocr), limits=limits or DEFAULT)


def diff(parent: Plan, child: Plan) -> PlanDiff:
    """Compare a child plan with the parent plan it carries out. Pure."""
    from kehoach.plandiff import diff as diff_plans

    return diff_plans(parent, child)


_LAZY = {
    "Result": "kehoach.batch", "Limits": "kehoach.limits", "OcrMode": "kehoach.limits", "Plan": "kehoach.models",
    "PlanDiff": "kehoach.models", "KehoachError": "kehoach.errors", "InputError": "kehoach.errors",
    "OutputError": "kehoach.errors", "GrammarError": "kehoach.errors",
}


def __getattr__(name: str) -> Any:
    """The public types, imported when first asked for (models need pydantic, which takes a while)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kehoach' has no attribute {name!r}")
