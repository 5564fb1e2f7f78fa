"""pdfium's characters made into words: the words pdfplumber's `extract_words` made (the reader the
gold answers were measured with), from positions alone, in a fraction of its time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.readers.pdf_text import Char, Frame, page_chars, words
from tests.conftest import FIXTURES, SAMPLES

PDFS = sorted(path for path in SAMPLES.glob("*.pdf") if not path.name.endswith((".scan.pdf", ".rough.pdf")))
PDFS += [FIXTURES / "diff" / "child-000.pdf", FIXTURES / "pdf" / "hyphen-at-line-end.pdf"]


def _pdfium_words(path):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            yield words(page_chars(textpage, Frame.of(page)))
            textpage.close()
            page.close()
    finally:
        document.close()


@pytest.mark.parametrize("path", PDFS, ids=lambda path: path.name)
def test_the_words_are_pdfplumbers(path):
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        expected = [page.extract_words(x_tolerance=1.5, y_tolerance=3) for page in pdf.pages]
    found = list(_pdfium_words(path))
    assert len(found) == len(expected)
    for number, (ours, theirs) in enumerate(zip(found, expected, strict=True), start=1):
        assert [w.text for w in ours] == [w["text"] for w in theirs], f"page {number}"
        for mine, other in zip(ours, theirs, strict=True):  # an italic glyph's box leans a little further
            assert abs(mine.x0 - other["x0"]) < 2.5 and abs(mine.x1 - other["x1"]) < 2.5, (number, mine.text)


def test_a_hyphen_that_ends_a_line_is_a_hyphen():
    text = " ".join(w.text for page in _pdfium_words(FIXTURES / "pdf" / "hyphen-at-line-end.pdf") for w in page)
    assert "165/KH-" in text and "\ufffe" not in text and "\x02" not in text


def _char(text, x0, top=100.0, width=6.0, font="Times", upright=True):
    return Char(text, x0, x0 + width, top, top + 14, upright, font, False, 0.0)


def test_an_accent_drawn_a_little_higher_stays_in_its_word():
    """A capital with its accent from a fallback font stands higher than its neighbours: within
    the tolerance it is the same line, and the word is read left to right."""
    chars = [_char("K", 10), _char("Ế", 16, top=101.5, font="Arial"), _char(" ", 22), _char("H", 26)]
    assert [w.text for w in words(chars)] == ["KẾ", "H"]


def test_a_gap_a_space_or_a_step_back_ends_a_word():
    chars = [_char("a", 10), _char("b", 16), _char("c", 24),  # a gap of two points
             _char("d", 30), _char(" ", 36), _char("e", 42)]
    assert [w.text for w in words(chars)] == ["ab", "cd", "e"]


def test_lines_are_read_top_down_and_left_to_right_whatever_order_they_were_drawn_in():
    chars = [_char("2", 10, top=200), _char("1", 10, top=100), _char("b", 16, top=100.5), _char("a", 4, top=99.8)]
    assert [w.text for w in words(chars)] == ["a1b", "2"]


def test_turned_characters_are_words_of_their_own_run():
    chars = [_char("a", 10), _char("b", 16, upright=False), _char("c", 22)]
    assert [w.text for w in words(chars)] == ["a", "b", "c"]


@given(st.lists(st.tuples(st.sampled_from("ab ạ-"), st.integers(0, 400), st.integers(0, 60)), max_size=80))
def test_every_character_but_spaces_lands_in_one_word(spec):
    chars = [_char(text, float(x), top=float(top) * 3) for text, x, top in spec]
    found = words(chars)
    assert sorted("".join(w.text for w in found)) == sorted(c.text for c in chars if not c.text.isspace())
    assert all(w.text and not any(ch.isspace() for ch in w.text) for w in found)
    assert all(w.x0 <= w.x1 and w.top <= w.bottom for w in found)


def _rotated_page(tmp_path, rotate: int, matrix: str = ""):
    """A portrait page (595 x 842) with /Rotate, its lines drawn upright or turned by `matrix`."""
    from tests.support import hostile

    lines = ["UY BAN NHAN DAN", "So: 12/KH-UBND", "KE HOACH"]
    page = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate {rotate} /Resources << /Font << "
            "/F1 5 0 R >> >> /Contents 4 0 R >>").encode()
    path = hostile.pdf(tmp_path / f"rotate-{rotate}.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
        hostile.stream(hostile.text_lines(lines, matrix=matrix)), hostile.HELVETICA])
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    page_object = document[0]
    textpage = page_object.get_textpage()
    chars = page_chars(textpage, Frame.of(page_object))
    shown = page_object.get_width(), page_object.get_height()
    textpage.close()
    page_object.close()
    document.close()
    return chars, shown


def test_a_landscape_page_drawn_turned_and_shown_upright_reads_upright(tmp_path):
    """The usual landscape page: portrait paper, the content drawn a quarter turn anticlockwise,
    /Rotate 90 to show it upright. Its words read as lines, placed in the page as shown."""
    chars, (width, height) = _rotated_page(tmp_path, 90, matrix="0 1 -1 0 100 60")
    assert (width, height) == (842, 595)
    assert all(char.upright for char in chars)
    lines = [[word.text for word in words(chars) if abs(word.top - top) < 3]
             for top in sorted({round(word.top) for word in words(chars)})]
    assert [" ".join(line) for line in lines if line] == ["UY BAN NHAN DAN", "So: 12/KH-UBND", "KE HOACH"]
    assert all(0 <= char.top < char.bottom <= height and 0 <= char.x0 < char.x1 <= width for char in chars)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_upright_text_on_a_page_shown_turned_reads_as_turned(tmp_path, rotate):
    chars, (width, height) = _rotated_page(tmp_path, rotate)
    assert chars and not any(char.upright for char in chars)
    assert all(0 <= char.top <= height and 0 <= char.x0 <= width for char in chars)
