"""Legacy Vietnamese encodings: TCVN3 (ABC, the .VnTime fonts) and VNI, read into Unicode NFC.

Older plans were typed with fonts that put Vietnamese letters on the code points of Latin-1
characters. A Word file says which font each run uses; a text file does not, so its lines are
recognised by the characters each encoding leans on. Only legacy text is converted: a mixed
document keeps its Unicode parts as they are. The tables are data (grammars/encodings.yaml).
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections import Counter

import regex

from kehoach import grammar
from kehoach.cache import compile_regex

_VIETNAMESE = compile_regex(r"[\u1ea0-\u1ef9ơưđăƠƯĐĂ]")


def _byte_of(char: str) -> int | None:
    """The byte a legacy font drew for this character (Latin-1, or Windows-1252 for 0x80-0x9F)."""
    code = ord(char)
    if code < 0x100:
        return code
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


@functools.cache
def _tcvn3_table() -> dict[str, str]:
    table = {}
    for byte, letter in grammar.encodings().tcvn3.items():
        table[bytes([int(byte)]).decode("latin-1")] = letter
        with contextlib.suppress(UnicodeDecodeError):  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned
            table[bytes([int(byte)]).decode("cp1252")] = letter
    return table


def decode_tcvn3(text: str, upper: bool = False) -> str:
    """TCVN3 text read into Unicode; `upper` for the capital fonts (.VnTimeH)."""
    table = _tcvn3_table()
    out = "".join(table.get(char, char) for char in text)
    out = unicodedata.normalize("NFC", out)
    return out.upper() if upper else out


@functools.cache
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    data = grammar.encodings()
    modifiers: dict[str, str] = {}
    for group in (data.vni_tones, data.vni_hats, data.vni_breves):
        for char, marks in group.items():
            modifiers[char] = marks
            modifiers[char.upper()] = marks
    letters = {}
    for char, letter in data.vni_letters.items():
        letters[char] = letter
        letters[char.upper()] = letter.upper()
    return modifiers, letters


_VNI_BASES = set("aeiouyAEIOUY")


def decode_vni(text: str) -> str:
    """VNI text read into Unicode: a vowel and its modifier characters become one letter."""
    modifiers, letters = _vni_tables()
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        base = letters.get(char, char)
        if char in letters and char.lower() in "íìæóòî":
            out.append(base)  # i and ỵ with their tone are one character of their own
            index += 1
            continue
        marks = ""
        if base.lower() in "aeouyơư" or char in _VNI_BASES:
            while index + 1 < len(text) and text[index + 1] in modifiers:
                marks += modifiers[text[index + 1]]
                index += 1
        out.append(unicodedata.normalize("NFC", base + _order_marks(marks)))
        index += 1
    return unicodedata.normalize("NFC", "".join(out))


def _order_marks(marks: str) -> str:
    """Shape marks (circumflex, breve) before the tone mark, as NFC composition needs."""
    shape = "".join(m for m in marks if m in "\u0302\u0306")
    tone = "".join(m for m in marks if m not in "\u0302\u0306")
    return shape + tone


@functools.lru_cache(maxsize=256)  # a document names a handful of fonts on thousands of runs
def font_encoding(font: str | None) -> str | None:
    """"tcvn3", "tcvn3_upper", "vni" for a legacy font's name, or None."""
    if not font:
        return None
    data = grammar.encodings()
    if regex.search(data.tcvn3_fonts, font):
        return "tcvn3_upper" if regex.search(r"H$|H[ -]", font.strip()) else "tcvn3"
    if regex.search(data.vni_fonts, font, flags=regex.IGNORECASE):
        return "vni"
    return None


def decode(text: str, encoding: str) -> str:
    if encoding == "vni":
        return decode_vni(text)
    return decode_tcvn3(text, upper=encoding == "tcvn3_upper")


# Latin-1 letters that Unicode Vietnamese uses itself (à, ô, ì ...) prove nothing; the others do.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_SIGNS = compile_regex("[" + regex.escape("".join(chr(c) for c in range(0xA1, 0x100)
                                                       if chr(c) not in _VIETNAMESE_LATIN1 and chr(c).isprintable()))
                             + "]")
# In VNI a vowel is followed by its modifier; these pairs never occur in Unicode Vietnamese.
_VNI_SIGNS = compile_regex(r"(?<=[aeouyAEOUYôöÔÖ])[ùõøûïåäëüÙÕØÛÏÅÄËÜ]|[ñÑ]")


def detect_line(line: str) -> str | None:
    """The legacy encoding a line of text is in, or None for Unicode (or plain ASCII) text.

    A line is a candidate when it holds characters Unicode Vietnamese never uses; it is read both
    ways, and the reading that leaves fewer such characters and makes more Vietnamese letters wins."""
    # the signs first: they are looked for in C, and most lines have none
    signs = len(_TCVN3_SIGNS.findall(line)) + len(_VNI_SIGNS.findall(line))
    if signs < 2:
        return None
    letters = sum(c.isalpha() for c in line)
    visible = sum(not c.isspace() for c in line)
    if letters < 4 or letters < 0.5 * visible or _VIETNAMESE.search(line):
        return None
    best, best_score = None, None
    for encoding in ("vni", "tcvn3"):
        decoded = decode(line, encoding)
        left = len(_TCVN3_SIGNS.findall(decoded))
        score = (left, _misshapen(decoded), -len(_VIETNAMESE.findall(decoded)))
        if best_score is None or score < best_score:
            best, best_score = encoding, score
    if best is None or best_score is None or best_score[0] > 0.1 * signs or -best_score[2] < 2:
        return None
    if not _syllables(decode(line, best)):
        return None  # another script read byte by byte (Chinese in GB18030): letters, but no words
    return best


def _syllables(text: str) -> bool:
    """Whether text reads as Vietnamese syllables: words of at most seven letters, most of them."""
    words = [word.strip(".,;:!?()\"'“”-") for word in text.split()]
    words = [word for word in words if word]
    if not words:
        return False
    shaped = sum(1 for word in words if len(word) <= 7)
    return shaped >= 0.8 * len(words)


_TONES = set("\u0300\u0301\u0303\u0309\u0323")


def _misshapen(text: str) -> int:
    """Syllables with more than one tone mark: a Vietnamese syllable has one at most."""
    return sum(1 for word in text.split()
               if sum(c in _TONES for c in unicodedata.normalize("NFD", word)) > 1)


def encode_tcvn3(text: str) -> bytes:
    """Unicode text in TCVN3 bytes (for tests and fixtures): capitals with tones take the small
    letters' codes, as the capital fonts (.VnTimeH) draw them."""
    reverse = {letter: int(byte) for byte, letter in grammar.encodings().tcvn3.items() if int(byte) >= 0xA1}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in reverse:
            out.append(reverse[char])
        elif char.lower() in reverse and char.isupper():
            out.append(reverse[char.lower()])
        else:
            out += char.encode("latin-1", "replace")
    return bytes(out)


_ASCII_LETTER = compile_regex(r"[A-Za-z]")


def _restore_capitals(line: str, decoded: str) -> str:
    """A text file does not say which lines used a capital font (.VnTimeH): a line whose plain
    letters are capitals, or a word whose plain letters are, is read in capitals."""
    letters = _ASCII_LETTER.findall(line)
    if letters and sum(c.isupper() for c in letters) >= 0.9 * len(letters) and len(letters) >= 3:
        return decoded.upper()
    def word(match: regex.Match) -> str:
        plain = _ASCII_LETTER.findall(match.group())
        return match.group().upper() if len(plain) >= 2 and all(c.isupper() for c in plain) else match.group()
    return regex.sub(r"\S+", word, decoded)


def convert_text(text: str, encoding: str | None = None) -> tuple[str, int]:
    """Text with its legacy-encoded lines converted, and how many lines were. With `encoding` the
    whole text is in it (a file that is not UTF-8); otherwise each line is recognised on its own."""
    lines = text.split("\n")
    converted = 0
    found_in: dict[int, str] = {}
    for index, line in enumerate(lines):
        found = encoding if encoding and not line.isascii() else detect_line(line)
        if found:
            found_in[index] = found
    found_in.update(_short_lines(lines, found_in))
    for index, found in found_in.items():
        line = lines[index]
        decoded = decode(line, found)
        lines[index] = _restore_capitals(line, decoded) if found == "tcvn3" else decoded
        converted += 1
    return "\n".join(lines), converted


def _short_lines(lines: list[str], found_in: dict[int, str]) -> dict[int, str]:
    """Lines too short to be recognised alone ("Sè: 12/KH-UBND": one sign, and "è" is a Vietnamese
    letter too), in a text where most lines with letters beyond ASCII were recognised in one legacy
    encoding: read in it when that leaves no sign of it and no syllable with two tones. A line of
    Unicode Vietnamese holds letters a one-byte font cannot ("ố", "ạ"), and is never a candidate."""
    if len(found_in) < 3:
        return {}
    encoding, count = Counter(found_in.values()).most_common(1)[0]
    candidates = [index for index, line in enumerate(lines) if index not in found_in and not line.isascii()
                  and all(_byte_of(char) is not None for char in line)]  # one byte a character, as legacy fonts
    if count <= len(candidates):
        return {}
    decoded = {index: decode(lines[index], encoding) for index in candidates}
    return {index: encoding for index, text in decoded.items()
            if not _TCVN3_SIGNS.search(text) and not _misshapen(text)}
