from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kehoach.normalize.text import (
    _TRANSLATE,
    _clean_normalized,
    clean,
    fold,
    fold_by_table,
    is_upper,
    key,
    occurrences,
    unify_characters,
)


def test_clean_unifies_dashes_spaces_and_nfc():
    decomposed = unicodedata.normalize("NFD", "Hội  Liên\u00a0hiệp – Phụ nữ\u200b")
    assert clean(decomposed) == "Hội Liên hiệp - Phụ nữ"


def test_clean_keeps_tone_marks_as_written():
    assert clean("hoà") == "hoà" and clean("hòa") == "hòa"


def test_clean_keeps_column_gaps_only_when_asked():
    line = "\tHỘI LHPN TỈNH SÓC TRĂNG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert clean(line, keep_columns=True) == "HỘI LHPN TỈNH SÓC TRĂNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "\t" not in clean(line)


def test_fold_matches_old_and_new_tone_placement():
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("ĐỘC LẬP") == "doc lap"
    assert key("MỤC ĐÍCH, YÊU CẦU:") == "muc dich yeu cau"


def test_is_upper():
    assert is_upper("ỦY BAN NHÂN DÂN TỈNH HÀ NAM")
    assert not is_upper("Ủy ban nhân dân tỉnh")


@given(st.text())
def test_clean_is_idempotent_and_nfc(text):
    once = clean(text)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "  " not in once and once == once.strip()


# lines of letters and spaces with at most one of the characters `clean` changes or collapses
_PLAIN_PIECES = st.lists(st.sampled_from(["Hội", "ế", "a", "1", " "]), max_size=8).map("".join)
_ODD_PIECE = st.sampled_from(["", "\t", "\n", "\r", "\x0c", *map(chr, _TRANSLATE)])
_LINES = st.tuples(_PLAIN_PIECES, _ODD_PIECE, _PLAIN_PIECES).map("".join)


@given(_LINES, st.booleans())
def test_clean_tells_a_line_with_nothing_to_do_as_each_test_in_turn_does(text, keep_columns):
    """`clean` passes over a line in one scan when nothing in it is to change; on every line it
    answers as the tests made one by one do."""
    normalized = unicodedata.normalize("NFC", text)
    assert clean(text, keep_columns=keep_columns) == _clean_normalized(normalized, keep_columns)


@given(st.lists(st.sampled_from(["Hội", "a", " ", "-", *map(chr, _TRANSLATE)]), max_size=12).map("".join) | st.text())
def test_unify_characters_replaces_as_the_table_does(text):
    """Each kind of character replaced on its own gives what `str.translate` through the table gives."""
    assert unify_characters(text) == text.translate(_TRANSLATE)


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_keeps_length_of_nfc_text(text):
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    vietnamese = all("\u00c0" <= c <= "\u1eff" or c.isascii() for c in text)
    if vietnamese:
        assert len(folded) == len(text)


_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị" \
    "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ0123456789 .,;:-()%/“”•\u0301"


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text(alphabet=_VIETNAMESE + "_\t|*") | st.text())
def test_key_of_ascii_text_is_what_the_pattern_makes(text):
    """`key` reduces folded ASCII text by a table (for speed); the answer is the pattern's."""
    import re

    key.cache_clear()
    assert key(text) == re.sub(r"[\W_]+", " ", fold(text)).strip()


@given(st.text(alphabet=_VIETNAMESE) | st.text())
def test_fold_agrees_with_the_table(text):
    """The fast path (decompose, keep ASCII) gives what the character table gives, whatever the text."""
    text = unicodedata.normalize("NFC", text)
    assert fold(text) == fold_by_table(text)


def test_the_table_covers_every_character_the_fast_path_folds():
    for code in range(0x80, 0x30000):
        text = unicodedata.normalize("NFC", "a" + chr(code))
        assert fold(text) == fold_by_table(text), hex(code)


def test_fold_sets_punctuation_aside_without_mixing_it_up():
    for text in ("• Tuyên truyền “Ngày pháp luật” – đợt 1…", "•\x0e“\x0f", "Điều 5 § 2 · Hội", "a\u0301 •"):
        assert fold(text) == fold_by_table(text)
    assert fold("• “Đoàn” – Hội…") == "• “doan” – hoi…"


def test_occurrences_in_order_within_bounds_and_as_whole_words():
    text = "ba bản, hai ban và ba"
    assert occurrences(text, ["ba", "hai"]) == [0, 8, 12, 19]  # "ba" of "ban", not of "bản" (another letter)
    assert occurrences(text, ["ba", "hai"], whole_words=True) == [0, 8, 19]
    assert occurrences(text, ["ba"], 1, 19) == [12]  # a word must end before `end`
    assert occurrences("aaa", ["aa"]) == [0, 1]  # overlaps included
    assert occurrences(text, []) == []
