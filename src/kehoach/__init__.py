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
__all__ = ["__version__", "parse", "parse_text"]

if TYPE_CHECKING:
    from kehoach.models import Plan


def parse(source, *, name: str | None = None, ocr: str = "auto") -> Plan:
    """Parse a plan from a path, raw bytes or text. Pure: reads the file, writes nothing.
    `ocr` ("auto", "always", "never") says which pages of a PDF are read by OCR."""
    from kehoach.pipeline import parse as _parse

    return _parse(source, name=name, ocr=ocr)


def parse_text(text: str, *, name: str = "<text>") -> Plan:
    """Parse a plan given as text (plain text or markdown)."""
    from kehoach.pipeline import parse as _parse

    return _parse(text, name=name)
