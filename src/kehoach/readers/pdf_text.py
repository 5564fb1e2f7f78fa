"""A PDF page's text layer from pdfium: its characters with their boxes, made into words.

pdfium reads a page's characters several times faster than pdfminer, which builds an object per
operator and lays every character out in Python. Its plain text is not used: it moves some letters
of a fallback font to the end of their line. The characters are taken one by one with their boxes,
in the order the page draws them, and made into words from their positions alone, as pdfplumber's
`extract_words` makes them (the reader kehoach used before, whose answers the gold files hold):
characters grouped into lines by their tops, a line read left to right, a word ended by a space,
by a step back, or by a gap wider than `X_TOLERANCE`.

A character's box spans the glyph's advance across (pdfium's loose box) and, upwards, the font's
descent to one font size above it, as pdfminer drew it (see `page_chars`). The characters pdfium
adds itself (spaces and line ends it infers) are left out.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import math
import unicodedata
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

X_TOLERANCE = 1.5  # points: a gap wider than this between two characters ends a word
Y_TOLERANCE = 3.0  # points: characters (and words, `pdf._page_lines`) whose tops differ by less share a line
_UPRIGHT_RADIANS = 0.01  # pdfium gives each character's angle; text drawn upright has none
_LIGATURES = range(0xFB00, 0xFB07)  # "ﬁ", "ﬂ", ...: written out, as pdfplumber does


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page, in points
    bottom: float
    upright: bool
    font: str  # the font's base name ("ABCDEF+TimesNewRomanPS-BoldMT")
    unmapped: bool  # a glyph the font gives no Unicode value for
    angle: float  # radians, clockwise (as pdfium measures it)


@dataclass(frozen=True)
class Frame:
    """A page as it is shown: its crop box in the page's own space (points, y upwards) and the
    clockwise turn its /Rotate asks for. Characters are placed in the shown page (origin at its
    top left), as a reader sees them: a landscape page drawn turned and shown upright reads as
    upright text, a page shown sideways as sideways text."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int = 0  # degrees: 0, 90, 180 or 270

    @classmethod
    def of(cls, page) -> Frame:
        left, bottom, right, top = page.get_cropbox()
        return cls(left, bottom, right, top, page.get_rotation() % 360)

    def place(self, x0: float, x1: float, low: float, high: float) -> tuple[float, float, float, float]:
        """A box of the page's space (x0..x1 across, low..high upwards) as the page shows it: x0,
        x1, top, bottom, from the shown page's top left."""
        if self.rotation == 90:
            return low - self.bottom, high - self.bottom, x0 - self.left, x1 - self.left
        if self.rotation == 180:
            return self.right - x1, self.right - x0, low - self.bottom, high - self.bottom
        if self.rotation == 270:
            return self.top - high, self.top - low, self.right - x1, self.right - x0
        return x0 - self.left, x1 - self.left, self.top - high, self.top - low


def page_chars(textpage, frame: Frame) -> list[Char]:
    """The characters a pdfium text page holds, in drawing order, without those pdfium inferred.

    A character's box spans its advance across, and from the font's descent below the baseline to
    one font size above that, as pdfminer draws it: pdfium's own loose box reaches the font's
    ascent, which differs between a document's font and the fallback font its viewer drew the
    missing accented capitals with ("KẾ" would stand on two lines). The characters of one text
    object (one string the page draws) share its font, size, baseline and angle: those are asked
    once per object, the box and the Unicode value once per character."""
    api = _api()
    handle = ctypes.cast(textpage.raw if hasattr(textpage, "raw") else textpage, ctypes.c_void_p).value
    count = api.count(handle)
    texts = _texts(api, handle, count)
    box = pdfium_c.FS_RECTF()
    box_pointer = ctypes.byref(box)
    runs: dict[int | None, _Run] = {}
    last_object: int | None = -1
    run = _Run("", 0.0, 0.0, 0.0, True)
    turn = math.radians(frame.rotation)
    place = frame.place
    chars: list[Char] = []
    append = chars.append
    for index in range(count):
        text = texts[index]
        if text.isspace() and api.generated(handle, index) == 1:
            continue  # a space or line end pdfium inferred: the words are cut by the gaps instead
        if not api.loose_box(handle, index, box_pointer):
            continue
        text_object = api.text_object(handle, index)
        if text_object != last_object or not text_object:
            last_object = text_object
            run = runs.get(text_object) or _run(api, handle, index, text_object, turn)
            if text_object:
                runs[text_object] = run
        x0, x1, top, bottom = place(box.left, box.right, run.low, run.high)
        append(Char(text, x0, x1, top, bottom, run.upright, run.font, api.unmapped(handle, index) == 1, run.angle))
    return chars


@dataclass(frozen=True, slots=True)
class _Run:
    """What the characters of one text object share: font, the height of the line they stand on
    (in the page's own space), their angle as shown (radians, clockwise)."""

    font: str
    low: float
    high: float
    angle: float
    upright: bool


def _run(api: _Api, handle: int | None, index: int, text_object: int | None, turn: float) -> _Run:
    """The run the character at `index` belongs to, measured on that character; `turn`: the page's
    /Rotate, in radians."""
    size = api.font_size(handle, index)
    origin_x, origin_y, descent = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    api.origin(handle, index, ctypes.byref(origin_x), ctypes.byref(origin_y))
    name, font = _font(text_object)
    known = font is not None and pdfium_c.FPDFFont_GetDescent(font, size, ctypes.byref(descent))
    low = origin_y.value + (descent.value if known else 0.0)
    angle = (api.angle(handle, index) + turn) % (2 * math.pi)
    upright = angle < _UPRIGHT_RADIANS or angle > 2 * math.pi - _UPRIGHT_RADIANS
    return _Run(name, low, low + size, angle, upright)


def _texts(api: _Api, handle: int | None, count: int) -> list[str]:
    """Each character's text: the page's text in one call, one UTF-16 unit a character (a
    character beyond it, written as two, has the text asked of it alone)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = api.text(handle, 0, count, buffer)
    units = buffer[:count] if written == count + 1 else [api.unicode(handle, index) for index in range(count)]
    texts = []
    for index, code in enumerate(units):
        if 0xD800 <= code < 0xE000 or code == _GET_TEXT_HYPHEN:
            code = api.unicode(handle, index)
        if code in _LIGATURES:
            texts.append(unicodedata.normalize("NFKC", chr(code)))
        elif code == _LINE_END_HYPHEN:
            texts.append("-")
        else:
            texts.append(chr(code) if 0 < code < 0x110000 else "\ufffd")
    return texts


_LINE_END_HYPHEN = 0x02  # pdfium's code for a hyphen that ends a line ("165/KH-" then "UBND")
_GET_TEXT_HYPHEN = 0xFFFE  # the same hyphen as the page's text gives it


@dataclass(frozen=True)
class _Api:
    """pdfium's per-character calls, declared on plain addresses: the same functions as
    `pypdfium2.raw`'s, without its pointer types, whose checks cost more than the calls."""

    count: Any
    text: Any
    generated: Any
    unicode: Any
    loose_box: Any
    text_object: Any
    font_size: Any
    origin: Any
    angle: Any
    unmapped: Any


@functools.cache
def _api() -> _Api:
    def declare(function, result, *arguments):
        address = ctypes.cast(function, ctypes.c_void_p).value
        assert address is not None  # a function pypdfium2 binds has an address
        return ctypes.CFUNCTYPE(result, *arguments)(address)

    page, index = ctypes.c_void_p, ctypes.c_int
    return _Api(
        count=declare(pdfium_c.FPDFText_CountChars, ctypes.c_int, page),
        text=declare(pdfium_c.FPDFText_GetText, ctypes.c_int, page, index, ctypes.c_int, ctypes.c_void_p),
        generated=declare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, page, index),
        unicode=declare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, page, index),
        loose_box=declare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, page, index, ctypes.c_void_p),
        text_object=declare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, page, index),
        font_size=declare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, page, index),
        origin=declare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, page, index, ctypes.c_void_p, ctypes.c_void_p),
        angle=declare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float, page, index),
        unmapped=declare(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int, page, index),
    )


def _font(text_object: int | None) -> tuple[str, Any]:
    """A text object's font: its base name, and pdfium's handle (None when it has none)."""
    if not text_object:
        return "", None
    font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(text_object, pdfium_c.FPDF_PAGEOBJECT))
    if not font:
        return "", None
    buffer = ctypes.create_string_buffer(256)
    size = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return (buffer.value.decode("utf-8", "replace") if 0 < size <= len(buffer) else ""), font


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[Char]

    def __getitem__(self, key: str):  # the line grouping reads words as mappings (OCR's are dicts)
        return getattr(self, key)


def words(chars: list[Char]) -> list[Word]:
    """The words of a page: runs of upright and of turned characters apart, each run's characters
    grouped into lines by their tops (tops less than Y_TOLERANCE apart chain into one line), a line
    read left to right and cut into words."""
    found: list[Word] = []
    for _, run in itertools.groupby(chars, key=lambda char: char.upright):
        for line in _lines(list(run)):
            found.extend(_words_of_line(line))
    return found


def _lines(chars: list[Char]) -> list[list[Char]]:
    tops = sorted({char.top for char in chars})
    cluster: dict[float, int] = {}
    number, last = 0, None
    for top in tops:
        if last is not None and top > last + Y_TOLERANCE:
            number += 1
        cluster[top] = number
        last = top
    lines: list[list[Char]] = [[] for _ in range(number + 1)] if tops else []
    for char in chars:
        lines[cluster[char.top]].append(char)
    for line in lines:
        line.sort(key=lambda char: char.x0)  # stable: characters at one place keep their order
    return lines


def _words_of_line(line: list[Char]) -> list[Word]:
    found: list[Word] = []
    current: list[Char] = []
    for char in line:
        if char.text.isspace():
            if current:
                found.append(_word(current))
            current = []
            continue
        if current:
            previous = current[-1]
            if (char.x0 < previous.x0 or char.x0 > previous.x1 + X_TOLERANCE
                    or abs(char.top - previous.top) > Y_TOLERANCE):
                found.append(_word(current))
                current = []
        current.append(char)
    if current:
        found.append(_word(current))
    return found


def _word(chars: list[Char]) -> Word:
    return Word("".join(char.text for char in chars), min(char.x0 for char in chars), max(char.x1 for char in chars),
                min(char.top for char in chars), max(char.bottom for char in chars), chars)
