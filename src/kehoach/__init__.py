"""kehoach: Vietnamese administrative plans (Kế hoạch) as structured, validated data.

    >>> import kehoach
    >>> plan = kehoach.parse("plan.docx")        # doctest: +SKIP
    >>> plan.header.number                        # doctest: +SKIP
    '11/KH-BTV'

Heavy modules are imported on first use, so `import kehoach` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Result", "__version__", "diff", "parse", "parse_many", "parse_text"]

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from kehoach.batch import Result
    from kehoach.models import Plan, PlanDiff


def parse(source, *, name: str | None = None, ocr: str = "auto") -> Plan:
    """Parse a plan from a path, raw bytes or text. Pure: reads the file, writes nothing.
    `ocr` ("auto", "always", "never") says which pages of a PDF are read by OCR."""
    from kehoach.pipeline import parse as _parse

    return _parse(source, name=name, ocr=ocr)


def parse_text(text: str, *, name: str = "<text>") -> Plan:
    """Parse a plan given as text (plain text or markdown)."""
    from kehoach.pipeline import parse as _parse

    return _parse(text, name=name)


def parse_many(paths: Iterable, *, jobs: int | None = None, timeout: float | None = None,
               ocr: str = "auto") -> Iterator[Result]:
    """Parse many files in a process pool (`jobs`, default the number of cores); yields a `Result`
    (path, plan or error, seconds) per file, in input order. A bad file never stops the others."""
    from kehoach.batch import parse_many as _parse_many

    return _parse_many(paths, jobs=jobs, timeout=timeout, ocr=ocr)


def diff(parent: Plan, child: Plan) -> PlanDiff:
    """Compare a child plan with the parent plan it carries out. Pure."""
    from kehoach.comparison import diff as _diff

    return _diff(parent, child)


def __getattr__(name: str):
    if name == "Result":
        from kehoach.batch import Result

        return Result
    raise AttributeError(name)
