"""Hard limits on what one input may cost, with defaults a user can raise.

kehoach runs unattended on whatever folders it is pointed at: a 2 GB file, a PDF that declares
10,000 pages, a zip whose document expands to gigabytes or a scan of a whole archive must end in
a clear message, not in an exhausted machine. Every limit names the option that raises it.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 100 * MB  # an input file (plans are kilobytes; scans a few megabytes)
    max_pages: int = 2000  # pages of a PDF
    max_ocr_pages: int = 200  # PDF pages read by OCR (about 3 s each)
    max_unzipped: int = 200 * MB  # one part of a .docx once unzipped (declared and actual size)
    timeout: float | None = 300.0  # seconds per file in a batch and on the command line; None: none

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_ocr_pages", "max_unzipped"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError("timeout must be positive (None for no limit)")


DEFAULT = Limits()


def megabytes(count: int) -> str:
    """A size for messages: "100 MB", "2.5 MB", "7 KB", "512 bytes"."""
    if count >= MB:
        return f"{count / MB:.1f}".removesuffix(".0") + " MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"
