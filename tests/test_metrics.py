from __future__ import annotations

import pytest

from kehoach.extract.metrics import opens_with_commitment, parse_number, read_metrics


def _m(text):
    return [{k: v for k, v in m.model_dump().items() if v not in (None, "=") and k != "text"}
            for m in read_metrics(text)]


@pytest.mark.parametrize(("text", "value"), [("41,2", 41.2), ("2.500", 2500), ("01", 1), ("13,5", 13.5),
                                             ("một", 1), ("mười", 10)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_percent_with_comparators():
    assert _m("Ít nhất 70% cán bộ Hội") == [{"value": 70, "unit": "%", "comparator": ">="}]
    assert _m("dưới 24%1; dưới 13,5%") == [{"value": 24, "unit": "%", "comparator": "<="},
                                          {"value": 13.5, "unit": "%", "comparator": "<="}]
    assert _m("đạt 90% trở lên") == [{"value": 90, "unit": "%", "comparator": ">="}]


def test_ranges_and_directions():
    assert _m("Tăng 3% - 5% số tội phạm") == [{"value": 3, "value_max": 5, "unit": "%", "comparator": "range",
                                               "direction": "increase"}]
    assert _m("giảm 60 - 80% số cơ sở") == [{"value": 60, "value_max": 80, "unit": "%", "comparator": "range",
                                            "direction": "decrease"}]
    assert _m("xây dựng, duy trì từ 01 đến 03 mô hình") == [{"value": 1, "value_max": 3, "unit": "mô hình",
                                                            "comparator": "range"}]


def test_frequencies():
    assert _m("đăng tải ít nhất 01 lần/quý") == [{"value": 1, "unit": "lần", "comparator": ">=", "per": "quý"}]
    assert _m("trên báo ít nhất một tháng một lần") == [{"value": 1, "unit": "lần", "comparator": ">=",
                                                         "per": "tháng"}]


def test_milestones_and_rates():
    assert _m("Đến năm 2017: 50%, năm 2020: 100% các huyện") == [{"value": 50, "unit": "%", "year": 2017},
                                                                {"value": 100, "unit": "%", "year": 2020}]
    assert _m("Đến năm 2017, đạt 75% và năm 2020 đạt 100% số xã") == [{"value": 75, "unit": "%", "year": 2017},
                                                                     {"value": 100, "unit": "%", "year": 2020}]
    assert _m("Hằng năm Phòng tham mưu kiểm tra 20% số cơ sở") == [{"value": 20, "unit": "%", "per": "năm"}]
    assert _m("toàn tỉnh trồng được 41,2 triệu cây xanh") == [{"value": 41.2, "unit": "triệu cây"}]
    assert _m("mỗi xã xây dựng ít nhất hai mô hình") == [{"value": 2, "unit": "mô hình", "comparator": ">="}]


def test_not_metrics():
    assert _m("giai đoạn 2021-2025") == []
    assert _m("trẻ em dưới 5 tuổi") == []
    assert _m("tổ chức được ít nhất một hình thức tuyên truyền") == []
    assert _m("1.000 ngày đầu đời") == []


def test_commitment_openings():
    assert opens_with_commitment("100% các đơn vị trường học xây dựng kế hoạch")
    assert opens_with_commitment("Phấn đấu trên 70% xã, phường")
    assert not opens_with_commitment("Đa dạng hóa nội dung; chương trình 100% bao cao su")


def test_a_start_and_a_milestone_on_the_same_year_and_capitals():
    """"Từ năm 2016," is both a start and (with its comma) a milestone at the same place; capitals count."""
    found = read_metrics("Từ năm 2016, 50% số xã; đến năm 2020 đạt 100%; ĐẾN NĂM 2030: 70% hộ")
    assert [(m.value, m.year) for m in found] == [(50.0, 2016), (100.0, 2020), (70.0, 2030)]


def test_every_six_months():
    """"Định kỳ 6 tháng một lần, ... kiểm tra 20%": a frequency, and the rate of what follows it; a
    half-year's report ("báo cáo 6 tháng") is neither."""
    assert _m("Định kỳ 6 tháng một lần, tham mưu Đội kiểm tra liên ngành kiểm tra 20% số cơ sở") == [
        {"value": 1, "unit": "lần", "per": "6 tháng"}, {"value": 20, "unit": "%", "per": "6 tháng"}]
    assert _m("báo cáo 6 tháng trước ngày 25/6, 100% đơn vị gửi báo cáo") == [{"value": 100, "unit": "%"}]


def test_a_deadline_before_a_figure():
    assert _m("Trước ngày 15/5/2024, 100% cán bộ, giáo viên được quán triệt") == [
        {"value": 100, "unit": "%", "year": 2024, "due": "2024-05-15"}]
    assert _m("chậm nhất ngày 30 tháng 6 năm 2025, 90% hồ sơ được số hóa") == [
        {"value": 90, "unit": "%", "year": 2025, "due": "2025-06-30"}]
    assert _m("ngày 15/5/2024 tổ chức hội nghị cho 100% cán bộ") == [{"value": 100, "unit": "%"}]
