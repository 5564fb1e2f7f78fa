from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kehoach.blocks import Block
from kehoach.normalize import normalize
from kehoach.normalize.text import clean, fold, is_upper, key, occurrences, unify


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


@given(st.text(), st.booleans())
def test_clean_keeps_its_guarantees_on_any_text(text, keep_columns):
    """NFC, no control or invisible characters, no run of spaces, nothing at the ends; a second
    clean changes nothing."""
    cleaned = clean(text, keep_columns=keep_columns)
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert clean(cleaned, keep_columns=keep_columns) == cleaned
    assert "  " not in cleaned and cleaned == cleaned.strip(" \t")
    assert not any(unicodedata.category(char) == "Cc" and char != "\t" for char in cleaned)
    assert keep_columns or "\t" not in cleaned


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_keeps_length_of_nfc_text(text):
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    vietnamese = all("\u00c0" <= c <= "\u1eff" or c.isascii() for c in text)
    if vietnamese:
        assert len(folded) == len(text)


_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị" \
    "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ0123456789 .,;:-()%/“”•"


@given(st.text(alphabet=_VIETNAMESE))
def test_fold_is_ascii_lower_case_for_vietnamese(text):
    folded = fold(text)
    assert len(folded) == len(text) and folded == folded.lower()
    assert all(char.isascii() or char in "“”•" for char in folded)


def test_fold_keeps_punctuation():
    assert fold("• “Đoàn” – Hội…") == "• “doan” – hoi…"


@given(st.text(alphabet=_VIETNAMESE + "_\t|*") | st.text())
def test_key_is_folded_words_one_space_apart(text):
    assert key(text) == " ".join(key(text).split())
    assert key(text) == key(fold(text))


def test_normalize_cleans_every_block_and_drops_empty_ones():
    """The stage: each text cleaned; a block left empty is dropped, and its numbering label goes to the
    next block of its paragraph (Word numbers a paragraph, not its first line)."""
    blocks = [Block("\u200b", paragraph=1, label="1."), Block("Mục  tiêu", paragraph=1), Block("x\u00a0y", paragraph=2)]
    assert normalize(blocks) == [Block("Mục tiêu", paragraph=1, label="1."), Block("x y", paragraph=2)]


def test_occurrences_in_order_within_bounds_and_as_whole_words():
    text = "ba bản, hai ban và ba"
    assert occurrences(text, ["ba", "hai"]) == [0, 8, 12, 19]  # "ba" of "ban", not of "bản" (another letter)
    assert occurrences(text, ["ba", "hai"], whole_words=True) == [0, 8, 19]
    assert occurrences(text, ["ba"], 1, 19) == [12]  # a word must end before `end`
    assert occurrences("aaa", ["aa"]) == [0, 1]  # overlaps included
    assert occurrences(text, []) == []


def test_a_font_that_lost_the_vietnamese_letters_gets_its_structural_words_back():
    from kehoach import grammar
    from kehoach.normalize.glyph_loss import repair_glyph_loss

    rules = grammar.encodings().glyph_loss
    filler = " ".join(["B XÂY D NG ban hành v n b n hư ng d n công tác phòng ch ng d ch"] * 8)
    for example in rules.examples:
        repaired, count = repair_glyph_loss(f"{filler}\n{example.damaged}\n{filler}")
        assert repaired.split("\n")[1] == example.repaired and count >= 1
    # names and places stay as printed; a text that holds the letters is left alone
    place = "Hà N i, ngày 03 tháng 7 năm 2009"
    assert repair_glyph_loss(f"{filler}\n{place}")[0].endswith(place)
    intact = "Căn c Nghị định số 12 của Chính phủ " * 20
    assert repair_glyph_loss(intact) == (intact, 0)
    # a short damaged line alone is too little to tell
    assert repair_glyph_loss("QUY T NNH") == ("QUY T NNH", 0)


def test_a_text_without_accents_is_no_lost_font():
    from kehoach.normalize.glyph_loss import repair_glyph_loss

    plain = "Ke hoach so 12/KH-UBND cua Uy ban nhan dan tinh ve cong tac phong chong dich benh, s 12 lan. " * 6
    assert repair_glyph_loss(plain) == (plain, 0)


def test_unify_changes_characters_as_clean_does_and_keeps_lines_and_columns():
    text = "Ke\u0302\u0301 hoa\u0323ch\u00a0so\u0302\u0301\n\n  Ca\u0306n\u200b cu\u031b\u0301\u00a0\u00a0Luật –\r\nhết"
    unified = unify(text)
    assert unified == "Kế hoạch số\n\n  Căn cứ  Luật -\r\nhết"
    assert unified.count("\n") == text.count("\n")  # line numbers stay those of the file
    assert clean(unified) == clean(text)


def test_the_fold_table_holds_every_character_that_decomposes_to_ascii():
    """fold's table walks only the blocks of such characters: it misses none below U+1F00."""
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            assert fold(char) == base.lower(), hex(code)
