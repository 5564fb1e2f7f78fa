"""DOCX: numbering resolved as Word shows it, tables as cells, text boxes, legacy-font runs, hints."""

from __future__ import annotations

import io
import zipfile

import pytest

from kehoach import parse
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.readers import read, sniff
from kehoach.readers.docx.document import read_docx
from kehoach.readers.docx.numbering import format_number
from kehoach.readers.docx.numbering_definitions import ByteDefinitions, TreeDefinitions
from kehoach.readers.docx.styles import ByteStyles, TreeStyles
from tests.conftest import SAMPLES
from tests.support.docx_builder import MC, docx, level, numbering, para, run, styles, table, text_box

OUTLINE = numbering(
    {1: [level(0, "upperRoman", "%1."), level(1, "decimal", "%2."), level(2, "lowerLetter", "%3)"),
         level(3, "bullet", "-")],
     2: [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2.")],
     3: [level(0, "bullet", "\uf0b7")]},
    {1: (1, {}), 2: (2, {}), 3: (2, {0: 5}), 4: (3, {})})


def _labels(body: str, numbering_xml: str = OUTLINE):
    blocks = read_docx(docx(body, numbering_xml), Diagnostics())
    return [(b.label, b.text) for b in blocks]


def test_multi_level_outline_with_restarts():
    body = (para("MỤC TIÊU", num=(1, 0)) + para("Mục tiêu chung", num=(1, 1)) + para("Mục tiêu cụ thể", num=(1, 1))
            + para("Xã", num=(1, 2)) + para("Huyện", num=(1, 2)) + para("Một việc", num=(1, 3))
            + para("NHIỆM VỤ", num=(1, 0)) + para("Tuyên truyền", num=(1, 1)) + para("Kiểm tra", num=(1, 2)))
    assert _labels(body) == [("I.", "MỤC TIÊU"), ("1.", "Mục tiêu chung"), ("2.", "Mục tiêu cụ thể"), ("a)", "Xã"),
                             ("b)", "Huyện"), ("-", "Một việc"), ("II.", "NHIỆM VỤ"), ("1.", "Tuyên truyền"),
                             ("a)", "Kiểm tra")]


def test_template_with_two_levels_and_a_list_continued_across_other_paragraphs():
    body = (para("Chỉ tiêu", num=(2, 0)) + para("Một", num=(2, 1)) + para("Đoạn văn thường.")
            + para("Hai", num=(2, 1)) + para("Nhiệm vụ", num=(2, 0)) + para("Ba", num=(2, 1)))
    assert _labels(body) == [("1.", "Chỉ tiêu"), ("1.1.", "Một"), (None, "Đoạn văn thường."), ("1.2.", "Hai"),
                             ("2.", "Nhiệm vụ"), ("2.1.", "Ba")]


def test_start_override_restarts_and_instances_of_one_definition_continue():
    body = para("A", num=(2, 0)) + para("B", num=(2, 0)) + para("C", num=(3, 0)) + para("D", num=(3, 0))
    assert [label for label, _ in _labels(body)] == ["1.", "2.", "5.", "6."]


def test_symbol_bullets_become_bullets_and_unnumbered_paragraphs_stay_plain():
    body = para("Tuyên truyền", num=(4, 0)) + para("Không có số") + para("", num=(4, 0))
    assert _labels(body) == [("•", "Tuyên truyền"), (None, "Không có số")]


@pytest.mark.parametrize(("number", "fmt", "text"), [(4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"),
                                                     (3, "lowerLetter", "c"), (27, "lowerLetter", "aa"),
                                                     (2, "upperLetter", "B"), (7, "decimalZero", "07")])
def test_number_formats(number, fmt, text):
    assert format_number(number, fmt) == text


def test_tables_become_cells_with_row_and_column():
    body = table([[[para("ỦY BAN NHÂN DÂN"), para("TỈNH HÀ NAM")],
                   [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]],
                  [[para("Số: 12/KH-UBND")], [para("Hà Nam, ngày 5 tháng 3 năm 2024")]]])
    blocks = read_docx(docx(body), Diagnostics())
    assert [(b.text, b.cell[1]) for b in blocks] == [("ỦY BAN NHÂN DÂN", 0), ("TỈNH HÀ NAM", 0),
                                                     ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1),
                                                     ("Số: 12/KH-UBND", 0), ("Hà Nam, ngày 5 tháng 3 năm 2024", 1)]
    assert blocks[0].cell[0] == blocks[2].cell[0] != blocks[3].cell[0]
    assert [b.paragraph for b in blocks] == [1, 2, 3, 4, 5]


def test_numeric_attributes_that_are_not_decimal_are_read_as_absent():
    # "²" passes str.isdigit but not int(): such a value must not stop the file being read
    body = ('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="²"/></w:tcPr>' + para("A") + "</w:tc><w:tc>"
            + para("B") + "</w:tc></w:tr></w:tbl>"
            + '<w:p><w:pPr><w:numPr><w:ilvl w:val="²"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="²"/>'
            '</w:pPr><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p>')
    levels = numbering({1: [level(0, "decimal", "%1.", start=1)]}, {2: (1, {})}).replace(
        '<w:start w:val="1"/>', '<w:start w:val="²"/>')
    blocks = read_docx(docx(body, levels), Diagnostics())
    assert [(b.text, b.cell, b.label, b.style.heading_level) for b in blocks] == [
        ("A", (1, 0), None, None), ("B", (1, 1), None, None), ("Chỉ tiêu", None, "1.", None)]


def test_text_boxes_are_read_once():
    body = para(text_box(para("Số: 7/KH-UBND")), run("KẾ HOẠCH"))
    assert [b.text for b in read_docx(docx(body), Diagnostics())] == ["Số: 7/KH-UBND", "KẾ HOẠCH"]


def test_a_text_box_is_read_before_its_paragraph_and_counted_first_in_a_shared_list():
    # the box's paragraph comes first in reading order: it takes "I." and the anchoring one "II."
    body = para(text_box(para("MỤC TIÊU", num=(1, 0))), run("NHIỆM VỤ"), num=(1, 0)) + para("Ghi chú")
    blocks = read_docx(docx(body, OUTLINE), Diagnostics())
    assert [(b.label, b.text, b.paragraph) for b in blocks] == [("I.", "MỤC TIÊU", 1), ("II.", "NHIỆM VỤ", 2),
                                                                (None, "Ghi chú", 3)]


def test_paragraph_properties_after_the_runs_are_read_as_if_first():
    # the schema puts w:pPr first; a writer that puts it after the text still has it read, and the
    # runs before it take its style (here a legacy font), counted once
    legacy = ('<w:style w:type="paragraph" w:styleId="Old"><w:name w:val="Old"/>'
              '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>')
    late = '<w:pPr><w:pStyle w:val="Old"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = (f"<w:p>{run('KÕ ho¹ch')}{late}</w:p>"
            + para(text_box(para("Ghi chú", num=(1, 0))), run("NHIỆM VỤ")))  # the box's pPr is its own
    diagnostics = Diagnostics()
    blocks = read_docx(docx(body, OUTLINE, styles_xml=styles(legacy)), diagnostics)
    assert [(b.label, b.text) for b in blocks] == [("I.", "Kế hoạch"), ("II.", "Ghi chú"), (None, "NHIỆM VỤ")]
    assert "1 run(s)" in next(d.message for d in diagnostics.items if d.code == "legacy_encoding")


def test_legacy_font_runs_are_converted_and_unicode_runs_kept():
    body = para(run("KÕ ho¹ch ", font=".VnTime"), run("phòng chống ", font="Times New Roman"),
                run("m¹i d©m", font=".VnTime")) + para(run("uû ban", font=".VnTimeH")) + para(
        run("Keá hoaïch", font="VNI-Times"))
    diagnostics = Diagnostics()
    blocks = read_docx(docx(body), diagnostics)
    assert [b.text for b in blocks] == ["Kế hoạch phòng chống mại dâm", "UỶ BAN", "Kế hoạch"]
    assert diagnostics.has("legacy_encoding")


def test_a_paragraph_without_a_known_style_takes_the_default_paragraph_style():
    # old plans set .VnTime on the "Normal" style and nothing on their runs
    normal = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/><w:b/></w:rPr></w:style>')
    body = para("KÕ ho¹ch") + para("m¹i d©m", style="NoSuchStyle") + para("Tiêu đề", style="Heading1")
    blocks = read_docx(docx(body, styles_xml=styles(normal)), Diagnostics())
    assert [(b.text, b.style.bold, b.style.heading_level) for b in blocks] == [
        ("Kế hoạch", True, None), ("mại dâm", True, None), ("Tiêu đề", True, 1)]


def test_style_hints():
    body = para(run("KẾ HOẠCH", bold=True), center=True) + para(run("ghi chú", italic=True)) + para(
        "Tiêu đề", style="Heading1")
    blocks = read_docx(docx(body), Diagnostics())
    assert (blocks[0].style.bold, blocks[0].style.centered) == (True, True)
    assert blocks[1].style.italic and not blocks[1].style.bold
    assert blocks[2].style.heading_level == 1 and blocks[2].style.bold


def test_a_whole_plan_from_word():
    body = (table([[[para("ỦY BAN NHÂN DÂN"), para("HUYỆN VÂN HỒ")],
                    [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), para("Độc lập - Tự do - Hạnh phúc")]],
                   [[para("Số: 15/KH-UBND")], [para("Vân Hồ, ngày 2 tháng 4 năm 2024")]]])
            + para(run("KẾ HOẠCH", bold=True), center=True) + para("Phòng, chống mại dâm năm 2024", center=True)
            + para("Thực hiện Kế hoạch số 89/KH-UBND ngày 04/4/2024 của Ủy ban nhân dân tỉnh Sơn La;")
            + para("MỤC TIÊU", num=(1, 0)) + para("Chỉ tiêu", num=(1, 1))
            + para("100% xã xây dựng kế hoạch.", num=(1, 3))
            + para("TỔ CHỨC THỰC HIỆN", num=(1, 0)) + para("Phòng Văn hóa và Thông tin", num=(1, 1))
            + para("Chủ trì tuyên truyền.")
            + table([[[para("Nơi nhận:"), para("- Như trên;"), para("- Lưu: VT.")],
                      [para("KT. CHỦ TỊCH"), para("PHÓ CHỦ TỊCH"), para("Lê Văn Tâm")]]]))
    plan = parse(docx(body, OUTLINE), name="plan.docx")
    assert plan.source.format == "docx"
    assert (plan.header.issuer, plan.header.number, plan.header.place) == (
        "ỦY BAN NHÂN DÂN HUYỆN VÂN HỒ", "15/KH-UBND", "Vân Hồ")
    assert plan.header.title == "Phòng, chống mại dâm năm 2024"
    assert [s.id for s in plan.walk_sections()] == ["I", "I.1", "II", "II.1"]
    assert [(t.text, t.source.paragraph) for t in plan.targets] == [("100% xã xây dựng kế hoạch.", 12)]
    assert plan.assignments[0].agency == "Phòng Văn hóa và Thông tin"
    assert plan.recipients == ["Như trên", "Lưu: VT"]
    assert (plan.signature.authority, plan.signature.signer) == ("KT. CHỦ TỊCH", "Lê Văn Tâm")


def test_format_is_read_from_the_bytes_not_the_name(tmp_path):
    renamed = tmp_path / "plan.doc"
    renamed.write_bytes(docx(para("KẾ HOẠCH") + para("Tuyên truyền")))
    assert sniff(renamed.read_bytes()) == "docx"
    assert parse(renamed).source.format == "docx"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04 this is not a zip", "zip container is broken"),
    (docx(para("x"))[:200], "zip container is broken"),
    (_zip({"content.xml": b"<x/>"}), "not a Word document"),
    (_zip({"EncryptedPackage": b"x", "EncryptionInfo": b"y"}), "password-protected"),
    (_zip({"word/document.xml": b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
                                b"</w:document>"}), "no body"),
    (_zip({"word/document.xml": b"<broken"}), "not valid XML"),
])
def test_broken_word_files_are_clear_errors(data, message):
    with pytest.raises(InputError, match=message):
        read(data, Diagnostics())


def _sample_parts(part: str, **more: bytes) -> dict[str, bytes]:
    """word/`part` of every sample .docx, and `more`."""
    return {path.name: zipfile.ZipFile(path).read(f"word/{part}") for path in sorted(SAMPLES.glob("*.docx"))} | more


NUMBERING_PARTS = _sample_parts("numbering.xml", built=OUTLINE.encode())


@pytest.mark.parametrize(("name", "xml"), NUMBERING_PARTS.items(), ids=list(NUMBERING_PARTS))
def test_numbering_read_from_the_bytes_agrees_with_the_whole_tree(name, xml):
    assert ByteDefinitions.usable(xml)
    fast, whole = ByteDefinitions(xml), TreeDefinitions(xml)
    assert whole.nums and all(fast.has(num_id) for num_id in whole.nums)
    for num_id in whole.nums:
        assert fast.num(num_id) == whole.num(num_id), num_id
    for aid in whole.abstracts:
        assert fast.link(aid) == whole.link(aid), aid
        for ilvl in range(9):
            assert fast.level(aid, ilvl) == whole.level(aid, ilvl), (aid, ilvl)


UNUSUAL = OUTLINE.replace("w:", "ns0:").replace("xmlns:w=", "xmlns:ns0=")  # another prefix, same namespace


def test_unusual_numbering_files_are_parsed_whole_with_the_same_labels():
    body = para("MỤC TIÊU", num=(1, 0)) + para("Chung", num=(1, 1)) + para("A", num=(3, 0)) + para("B", num=(3, 0))
    expected = [("I.", "MỤC TIÊU"), ("1.", "Chung"), ("5.", "A"), ("6.", "B")]
    commented = OUTLINE.replace("<w:abstractNum ", "<!-- a comment --><w:abstractNum ", 1)
    overridden = OUTLINE.replace('<w:startOverride w:val="5"/>',
                                 '<w:startOverride w:val="5"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                                 '<w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%1)"/></w:lvl>')
    for xml in (UNUSUAL, commented):
        assert not ByteDefinitions.usable(xml.encode())
        assert _labels(body, xml) == expected
    assert ByteDefinitions.usable(overridden.encode())  # a replacing level inside an override
    assert _labels(body, overridden)[2:] == [("(v)", "A"), ("(vi)", "B")]


def test_entities_and_alternate_renderings_in_a_level():
    xml = numbering({1: ['<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">'
                         '<w:numFmt w:val="custom" w:format="001, 002"/></mc:Choice><mc:Fallback>'
                         '<w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
                         '<w:lvlText w:val="&#167;%1 &amp;"/></w:lvl>']}, {1: (1, {})})
    xml = xml.replace("<w:numbering ", f"<w:numbering {MC} ")
    fast, whole = ByteDefinitions(xml.encode()), TreeDefinitions(xml.encode())
    assert fast.level("1", 0) == whole.level("1", 0)
    assert fast.level("1", 0).text == "§%1 &"
    assert _labels(para("Điều", num=(1, 0)), xml) == [("§1 &", "Điều")]


def test_damaged_numbering_is_a_diagnostic_not_a_failure():
    good = numbering({1: [level(0, "upperRoman", "%1.")]}, {1: (1, {0: 3}), 2: (1, {})})
    body = para("MỤC TIÊU", num=(1, 0)) + para("Văn bản")
    # cut short after the definition the paragraph uses: what is there is read
    diagnostics = Diagnostics()
    blocks = read_docx(docx(body, good[:-20]), diagnostics)
    assert [(b.label, b.text) for b in blocks] == [("III.", "MỤC TIÊU"), (None, "Văn bản")]
    assert diagnostics.items == []
    # the definition it uses is broken, or the file is not XML at all: read without the label
    for bad in (good.replace("<w:lvlOverride", "<w:lvlOverride <<"), good.replace("<w:num ", "<!-- <w:num ", 1)):
        diagnostics = Diagnostics()
        blocks = read_docx(docx(body, bad), diagnostics)
        assert [(b.label, b.text) for b in blocks] == [(None, "MỤC TIÊU"), (None, "Văn bản")]
        assert [d.code for d in diagnostics.items] == ["numbering_damaged"]


def test_empty_values_single_quotes_and_attribute_order_read_as_the_tree_does():
    levels = ["<w:lvl w:tplc='1' w:ilvl='0'><w:start w:val='2'/><w:numFmt w:val=''/><w:lvlText w:val='%1)'/>"
              "<w:lvlRestart w:val='0'/><w:isLgl/></w:lvl>",
              '<w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText/></w:lvl>']
    xml = numbering({1: levels}, {1: (1, {})}).encode()
    fast, whole = ByteDefinitions(xml), TreeDefinitions(xml)
    for ilvl in range(3):
        assert fast.level("1", ilvl) == whole.level("1", ilvl), ilvl
    assert fast.level("1", 0).start == 2 and fast.level("1", 0).legal


def _python_docx_styles() -> bytes:
    """The styles of python-docx's own template: 160 styles, as files made by it carry."""
    import docx as python_docx

    buffer = io.BytesIO()
    python_docx.Document().save(buffer)
    return zipfile.ZipFile(buffer).read("word/styles.xml")


_CRAFTED_STYLES = styles(
    "<w:style w:styleId='Quoted' w:type='paragraph'><w:name w:val='heading 3'/><w:basedOn w:val='Heading1'/>"
    "<w:pPr><w:jc w:val='center'/><w:numPr><w:ilvl w:val='1'/><w:numId w:val='4'/></w:numPr></w:pPr></w:style>",
    '<w:style w:default="1" w:type="paragraph" w:styleId="A&amp;B"><w:name w:val="Normal"/><w:rPr><w:i/>'
    '<w:rFonts w:hAnsi=".VnTime"/></w:rPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="Twice"><w:rPr><w:b/></w:rPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="Twice"><w:rPr><w:b w:val="0"/></w:rPr></w:style>',
    '<w:style w:type="character" w:styleId="Empty"/>')


STYLES_PARTS = _sample_parts("styles.xml", python_docx=_python_docx_styles(), crafted=_CRAFTED_STYLES.encode())


@pytest.mark.parametrize(("name", "xml"), STYLES_PARTS.items(), ids=list(STYLES_PARTS))
def test_styles_read_from_the_bytes_agree_with_the_whole_tree(name, xml):
    assert ByteStyles.usable(xml)
    fast, whole = ByteStyles(xml), TreeStyles(xml)
    assert whole.styles and set(fast.starts) == set(whole.styles)
    for style_id in whole.styles:
        assert fast.get(style_id) == whole.get(style_id), style_id
    assert (fast.default_font, fast.default_style) == (whole.default_font, whole.default_style)
    assert fast.get("NoSuchStyle") is whole.get("NoSuchStyle") is None
    assert not fast.damaged and not whole.damaged


def test_crafted_styles_read_as_word_does():
    sheet = ByteStyles(_CRAFTED_STYLES.encode())
    quoted = sheet.get("Quoted")
    assert (quoted.heading, quoted.centered, quoted.num_id, quoted.ilvl, quoted.based_on) == (
        3, True, "4", 1, "Heading1")
    assert sheet.default_style == "A&B" and sheet.get("A&B").font == ".VnTime" and sheet.get("A&B").italic
    assert sheet.get("Twice").bold is False  # a repeated id: the last one counts
    assert sheet.default_font == "Times New Roman"


def test_unusual_styles_files_are_parsed_whole_with_the_same_result():
    body = para("Mở đầu") + para("Tiêu đề", style="Heading1")
    expected = [("Mở đầu", None, False), ("Tiêu đề", 1, True)]
    plain = styles()
    commented = plain.replace("<w:style ", "<!-- a comment --><w:style ", 1)
    prefixed = plain.replace("w:", "ns0:").replace("xmlns:w=", "xmlns:ns0=")
    for xml in (commented, prefixed):
        assert not ByteStyles.usable(xml.encode())
        blocks = read_docx(docx(body, styles_xml=xml), Diagnostics())
        assert [(b.text, b.style.heading_level, b.style.bold) for b in blocks] == expected


@pytest.mark.parametrize("damage", ["cut", "unclosed", "not xml"])
def test_damaged_styles_are_a_diagnostic_not_a_failure(damage):
    good = styles()
    xml = {"cut": good[:good.index("<w:b/>")], "unclosed": good.replace("</w:style>", ""),
           "not xml": "<w:styles"}[damage]
    diagnostics = Diagnostics()
    blocks = read_docx(docx(para("Tiêu đề", style="Heading1") + para("Văn bản"), styles_xml=xml), diagnostics)
    assert [b.text for b in blocks] == ["Tiêu đề", "Văn bản"]
    assert [d.code for d in diagnostics.items] == ["styles_damaged"]
