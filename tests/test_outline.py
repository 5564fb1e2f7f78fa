from __future__ import annotations

import pytest

from kehoach.blocks import Block
from kehoach.classify import classify, label_of
from kehoach.diagnostics import Diagnostics
from kehoach.models import Numbering, Role
from kehoach.outline import build_outline, split_title

ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
          "XVII", "XVIII", "XIX", "XX", "XXI", "XXIV", "XXIX", "XXX", "XXXIV", "XXXIX"]


@pytest.mark.parametrize("numeral", ROMANS)
def test_every_roman_numeral_is_a_roman_label(numeral):
    label = label_of(f"{numeral}. MỤC TIÊU")
    assert label is not None and label.scheme == Numbering.roman and label.label == numeral


@pytest.mark.parametrize("text", ["IIII. X", "VV. X", "VI PHẠM PHÁP LUẬT", "Ít nhất 70%"])
def test_non_numerals_are_not_roman(text):
    label = label_of(text)
    assert label is None or label.scheme != Numbering.roman


@pytest.mark.parametrize(("text", "scheme", "label"), [
    ("PHẦN I. ĐÁNH GIÁ", Numbering.part, "PHẦN I"),
    ("A . MỤC ĐÍCH", Numbering.upper_letter, "A"),
    ("I.MỤC ĐÍCH", Numbering.roman, "I"),
    ("1.Hội LHPN tỉnh", Numbering.arabic, "1"),
    ("1. 100% cán bộ", Numbering.arabic, "1"),
    ("2.1. Nâng cao", Numbering.decimal, "2.1"),
    ("a) Cải thiện", Numbering.letter, "a"),
    ("đ) Tổ chức", Numbering.letter, "đ"),
    ("-Tăng cường", Numbering.dash, "-"),
    ("+ Đa dạng", Numbering.plus, "+"),
    ("• Tuyên truyền", Numbering.bullet, "•"),
])
def test_label_schemes(text, scheme, label):
    found = label_of(text)
    assert found is not None and (found.scheme, found.label) == (scheme, label)


@pytest.mark.parametrize("text", ["2020. Ủy ban nhân dân", "10/10 huyện", "1.000 ngày đầu đời", "605/QĐ-UBND",
                                  "Tăng 3% - 5%", "-------"])
def test_not_labels(text):
    assert label_of(text) is None


def test_split_title():
    assert split_title("Mục tiêu chung") == ("Mục tiêu chung", "")
    assert split_title("CHỈ TIÊU:") == ("CHỈ TIÊU", "")
    assert split_title("Mục tiêu: Tăng cường sự đồng thuận") == ("Mục tiêu", "Tăng cường sự đồng thuận")
    assert split_title("100% cán bộ được quán triệt. 100% các nhà trường xây dựng") == (
        "100% cán bộ được quán triệt", "100% các nhà trường xây dựng")
    assert split_title("Đẩy mạnh lồng ghép; nâng cao năng lực; chú trọng khen thưởng.")[1] == ""


def _outline(*lines):
    diagnostics = Diagnostics()
    blocks = [Block(text=t, line=i + 1, end_line=i + 1) for i, t in enumerate(lines)]
    return build_outline(classify(blocks), diagnostics), diagnostics


def test_nesting_depth_and_roles():
    outline, _ = _outline("I. MỤC TIÊU", "1. Mục tiêu chung", "- Tăng cường", "2. Mục tiêu cụ thể", "- 100% xã",
                          "II. NHIỆM VỤ, GIẢI PHÁP", "1. Tuyên truyền", "1.1. Đổi mới", "a) Tổ chức")
    first, second = outline.roots
    assert (first.depth, first.role) == (1, Role.objectives)
    assert [c.role for c in first.children] == [Role.objectives, Role.targets]
    assert first.children[1].items[0].text == "100% xã"
    deep = second.children[0].children[0]
    assert (deep.id, deep.depth, deep.role) == ("II.1.1", 3, Role.tasks)
    assert deep.children[0].depth == 4


def test_depth_is_rank_among_the_schemes_used():
    outline, _ = _outline("1. Mục đích", "a) Một", "2. Yêu cầu")
    assert [n.depth for n in outline.roots] == [1, 1]
    assert outline.roots[0].children[0].depth == 2


def test_jumps_and_repeats_are_kept_and_reported():
    outline, diagnostics = _outline("III. PHÂN CÔNG", "10. Viện kiểm sát", "13. Mặt trận", "18. Hội Nông dân",
                                    "18. Ủy ban nhân dân xã")
    labels = [c.label.label for c in outline.roots[0].children]
    assert labels == ["10", "13", "18", "18"]
    assert diagnostics.has("label_jump") and diagnostics.has("label_repeat")
    ids = [c.id for c in outline.roots[0].children]
    assert len(set(ids)) == 4


def test_text_before_the_first_section_is_loose():
    outline, diagnostics = _outline("Nhằm chủ động ứng phó.", "- Một việc")
    assert not outline.roots and len(outline.loose) == 2
    assert diagnostics.has("no_sections")
