"""Numbers written in a file's markup (a list's start value, a table cell's span, a level), read
so that no value can stop the file or cost what it claims.

A value that is not decimal ('²' passes str.isdigit but not int()), or that has more digits than
any real document writes (Word keeps its counters under 32,768; Python refuses to convert more than
4,300 digits), is read as absent: the reader then uses the value's default.
"""

from __future__ import annotations

MAX_DIGITS = 9


def whole_number(text: str | None, signed: bool = False) -> int | None:
    if not text:
        return None
    digits = text[1:] if signed and text.startswith("-") else text
    if not digits.isdecimal() or len(digits) > MAX_DIGITS:
        return None
    return int(text)
