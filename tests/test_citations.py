from __future__ import annotations

import pytest

from kehoach.extract.citations import ClauseContext, clauses, may_cite, read_clause, read_references, references_in
from kehoach.models import Relation, Source
from tests.conftest import FIXTURES, SAMPLES


def _basis(text):
    context = ClauseContext(Relation.other)
    found = []
    for clause in clauses(text):
        found += read_clause(clause, context, Source(line=1), in_basis=True)
    return [(c.relation.value, c.doc_type, c.number, c.date, c.issuer) for c in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("Căn cứ Kế hoạch số 1170/KH-ĐCT, ngày 29/12/2021 của Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam về việc "
     "thực hiện Chương trình phòng, chống mại dâm", [("can_cu", "Kế hoạch", "1170/KH-ĐCT", "2021-12-29",
                                                   "Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam")]),
    ("Thực hiện Quyết định số 361/QĐ-TTg ngày 07 tháng 03 năm 2016 của Thủ tướng Chính phủ phê duyệt Chương trình",
     [("thuc_hien", "Quyết định", "361/QĐ-TTg", "2016-03-07", "Thủ tướng Chính phủ")]),
    ("Căn cứ Nghị quyết số 05-NQ/TU ngày 17 tháng 6 năm 2021 của Ban Chấp hành Đảng bộ tỉnh về lãnh đạo",
     [("can_cu", "Nghị quyết", "05-NQ/TU", "2021-06-17", "Ban Chấp hành Đảng bộ tỉnh")]),
    ("Căn cứ Quyết định 679/QĐ-TTg của Thủ tướng Chính phủ, ngày 10 tháng 5 năm 2011 phê duyệt",
     [("can_cu", "Quyết định", "679/QĐ-TTg", "2011-05-10", "Thủ tướng Chính phủ")]),
    ("Theo đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 1342/TTr-STTTT ngày 31/7/2020 về việc",
     [("theo_de_nghi", "Tờ trình", "1342/TTr-STTTT", "2020-07-31", "Sở Thông tin và Truyền thông")]),
    ("Theo văn bản chỉ đạo số 2731/UBND-NN ngày 20 tháng 5 năm 2014 của UBND Tỉnh về việc triển khai",
     [("other", "Văn bản", "2731/UBND-NN", "2014-05-20", "UBND Tỉnh")]),
])
def test_one_document(text, expected):
    assert _basis(text) == expected


def test_laws_without_a_number_run_to_their_date():
    found = _basis("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
                   "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    assert found == [("can_cu", "Luật", None, "2015-06-19", None), ("can_cu", "Luật", None, "2019-11-22", None)]


def test_a_law_passed_by_its_issuer():
    found = _basis("Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân được Quốc hội thông qua ngày 26 tháng "
                   "11 năm 2003;")
    assert found == [("can_cu", "Luật", None, "2003-11-26", "Quốc hội")]


def test_documents_in_another_ones_subject_are_not_basis():
    found = _basis("Căn cứ Quyết định số 1521/QĐ-TTg ngày 06/10/2020 của Thủ tướng Chính phủ ban hành Kế hoạch "
                   "thực hiện Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số "
                   "32-CT/TW của Ban Bí thư")
    assert [f[2] for f in found] == ["1521/QĐ-TTg"]


def test_a_document_joined_by_va_after_a_subject_is_basis():
    found = _basis("Thực hiện Chương trình hành động số 52-CTr/TU ngày 22/01/2020 của Tỉnh ủy Tiền Giang thực "
                   "hiện Nghị quyết số 52-NQ/TW của Bộ Chính trị về một số chủ trương và Quyết định số "
                   "605/QĐ-UBND ngày 16/3/2021 của Ủy ban nhân dân tỉnh về phê duyệt Đề án")
    assert [(f[1], f[2]) for f in found] == [("Chương trình", "52-CTr/TU"), ("Quyết định", "605/QĐ-UBND")]


def test_issuer_given_once_for_several_numbers():
    found = _basis("Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg ngày 30/9/2008 về việc phê "
                   "duyệt Đề án; Quyết định số 2080/QĐ-TTg ngày 22/12/2017 phê duyệt điều chỉnh")
    assert found == [("can_cu", "Quyết định", "1400/QĐ-TTg", "2008-09-30", "Thủ tướng Chính phủ"),
                     ("can_cu", "Quyết định", "2080/QĐ-TTg", "2017-12-22", "Thủ tướng Chính phủ")]


def test_unnumbered_programmes_and_party_numbers():
    found = _basis("Thực hiện chương trình công tác Đoàn và phong trào thanh thiếu nhi năm 2024, chương trình công "
                   "tác Đội và phong trào thiếu nhi năm học 2023 - 2024; căn cứ Kế hoạch số 183-KH/TWĐTN-TNNT "
                   "ngày 28/2/2024 của Ban Bí thư Trung ương Đoàn về việc tổ chức")
    assert [(f[0], f[1], f[2]) for f in found] == [("thuc_hien", "Chương trình", None),
                                                 ("thuc_hien", "Chương trình", None),
                                                 ("can_cu", "Kế hoạch", "183-KH/TWĐTN-TNNT")]


def test_charter_and_spaced_number():
    found = _basis("Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh và Kế hoạch số 298 KH/TWĐTN ngày 14/7/2011 của Ban Chấp "
                   "hành Trung ương Đoàn TNCS Hồ Chí Minh về việc Tổ chức")
    assert found == [("can_cu", "Điều lệ", None, None, None),
                     ("can_cu", "Kế hoạch", "298KH/TWĐTN", "2011-07-14",
                      "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh")]


def test_abbreviation_after_an_issuer_is_dropped():
    found = _basis("Căn cứ Công văn số 1106/BGDĐT-GDTrH ngày 20/3/2019 của Bộ Giáo dục và Đào tạo (GDĐT) về việc")
    assert found[0][4] == "Bộ Giáo dục và Đào tạo"


def test_references_anywhere_in_the_body():
    found = references_in("Củng cố Đội Kiểm tra theo Nghị định số 178/2004/NĐ-CP của Chính phủ quy định chi tiết "
                          "và Thông tư số 05/2006/TTLT-BLĐTBXH-BCA-BVHTT ngày 22/6/2006.", Source(line=3))
    assert [(c.doc_type, c.number) for c in found] == [("Nghị định", "178/2004/NĐ-CP"),
                                                      ("Thông tư", "05/2006/TTLT-BLĐTBXH-BCA-BVHTT")]
    assert found[0].issuer == "Chính phủ" and found[1].date == "2006-06-22"
    assert found[0].source == Source(line=3)


def test_a_source_given_as_a_function_is_made_only_for_a_citing_paragraph():
    made = []

    def source() -> Source:
        made.append(1)
        return Source(paragraph=7)

    assert references_in("Tăng cường công tác tuyên truyền, phổ biến pháp luật.", source) == []
    assert made == []
    found = references_in("Thực hiện Kế hoạch số 11/KH-UBND ngày 5/3/2024.", source)
    assert made == [1] and found[0].source == Source(paragraph=7)


def _plan_lines():
    paths = [*SAMPLES.glob("*.txt"), *(FIXTURES / "corpus").glob("*.txt"), *(FIXTURES / "plans").glob("*")]
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_quick_check_passes_over_no_paragraph_that_cites():
    """`references_in` skips a paragraph after a quick check (`may_cite`); every line of the plans that
    cites something must pass that scan, and the plans must cite enough for this to mean something."""
    citing = 0
    extra = ["Quyết định 298 KH/TWĐTN", "Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021", "Kế hoạch số 11/KH-BTV",
             "Nghị quyết 12.6.2020 của HĐND"]
    for line in [*_plan_lines(), *extra]:
        if read_references(line, Source(line=1)):
            citing += 1
            assert may_cite(line), line
    assert citing > 50
