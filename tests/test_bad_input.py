"""Bad input ends in one clear line naming the file and the problem, a documented exit status, no
traceback and no partial output; in a batch the other files are done. Each case builds its bad
file here (nothing is read from outside the repository)."""

from __future__ import annotations

import errno
import io
import json
import os
import random
import time
import zipfile

import pytest
from typer.testing import CliRunner

from kehoach import grammar
from kehoach.batch import TimeLimitExceeded, time_limit
from kehoach.cli import app
from kehoach.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT
from tests.conftest import SAMPLES, plan_text
from tests.support.docx_builder import docx, para, run
from tests.support.hostile import pdf_bytes

runner = CliRunner()
PLAN_TXT = SAMPLES / "002_454801b3ece06145.txt"
PLAN_DOCX = SAMPLES / "002_454801b3ece06145.docx"
PLAN_PDF = SAMPLES / "002_454801b3ece06145.pdf"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def parse_cli(path, *options):
    """Exit status, stderr and stdout of `kehoach parse PATH`; the stderr must be one line and no traceback."""
    result = runner.invoke(app, ["parse", str(path), "--ocr", "never", *map(str, options)])
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code:
        assert result.stderr.strip().count("\n") == 0, result.stderr
        assert result.stderr.startswith(f"kehoach: {path}: ")
        assert result.stdout == ""
    return result.exit_code, result.stderr, result.stdout


def refused(path, message: str, *options) -> None:
    code, stderr, _ = parse_cli(path, *options)
    assert code == EXIT_INPUT, stderr
    assert message in stderr, stderr


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- text ------------------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    refused(write(tmp_path, "empty.txt", b""), "the file is empty")


def test_white_space_only(tmp_path):
    refused(write(tmp_path, "blank.txt", b" \r\n\t\n"), "nothing but white space")


def test_binary_junk(tmp_path):
    junk = random.Random(7).randbytes(4096)
    refused(write(tmp_path, "junk.bin", junk), "not text in a known encoding")


def test_text_in_an_unknown_encoding(tmp_path):
    chinese = "本计划旨在落实省级方案的各项任务。\n".encode("gb18030") * 20
    refused(write(tmp_path, "plan.txt", chinese), "not text in a known encoding")


def test_bom_crlf_nul_and_invisible_spaces_are_read_through(tmp_path):
    text = PLAN_TXT.read_text(encoding="utf-8")
    text = text.replace("KẾ HOẠCH", "KẾ\u200b HOẠCH", 1).replace("Số:", "Số:\u00a0", 1)
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8").replace(b"\r\n\r\n", b"\r\n\x00\r\n", 3)
    code, _, stdout = parse_cli(write(tmp_path, "plan.txt", data))
    expected = json.loads(parse_cli(PLAN_TXT)[2])["header"]
    header = json.loads(stdout)["header"]
    assert code == EXIT_OK
    assert (header["number"], header["issuer"], header["date"]) == (expected["number"], expected["issuer"],
                                                                   expected["date"])


def test_a_one_megabyte_line(tmp_path):
    line = "Tăng cường công tác tuyên truyền, phổ biến chính sách pháp luật; " * 16000
    code, _, stdout = parse_cli(write(tmp_path, "long.txt", plan_text("KẾ HOẠCH", line[:1_000_000]).encode()))
    assert code == EXIT_OK and json.loads(stdout)["header"]["doc_type"] == "Kế hoạch"


def test_input_size_limit_and_raising_it(tmp_path):
    path = write(tmp_path, "plan.txt", PLAN_TXT.read_bytes())
    refused(path, "KB, more than the limit of 1 KB (raise it with --max-size)", "--max-size", "0.001")
    assert parse_cli(path, "--max-size", "1")[0] == EXIT_OK


def test_pipes_and_devices_are_refused_before_reading(tmp_path):
    """A named pipe would block until some writer came (300 s, the time limit), /dev/zero never
    ends: both are refused at once, without opening them, by path and on the command line."""
    from kehoach import parse
    from kehoach.errors import InputError

    pipe = tmp_path / "plan.txt"
    os.mkfifo(pipe)
    started = time.monotonic()
    with pytest.raises(InputError, match="named pipe") as raised:
        parse(pipe)
    assert raised.value.path == str(pipe) and str(raised.value).startswith(f"{pipe}: is a named pipe")
    with pytest.raises(InputError, match="is a device"):
        parse("/dev/zero")
    code, err, _out = parse_cli(pipe)
    assert code == EXIT_INPUT and "is a named pipe (FIFO), not a file" in err
    assert time.monotonic() - started < 60  # not the time limit: refused before a read


def test_a_str_is_always_a_path(tmp_path):
    """A file name with a newline is a file name, not the text of a plan; text goes to parse_text."""
    from kehoach import parse, parse_text
    from kehoach.errors import InputError

    odd = tmp_path / "ke\nhoach.txt"
    odd.write_bytes(PLAN_TXT.read_bytes())
    number = parse(PLAN_TXT).header.number
    plan = parse(str(odd))
    assert plan.source.path == str(odd) and plan.header.number == number
    code, _err, out = parse_cli(odd)
    assert code == EXIT_OK and json.loads(out)["source"]["path"] == str(odd)
    with pytest.raises(InputError, match="no such file"):
        parse("Kế hoạch số 5\nI. MỤC ĐÍCH")
    with pytest.raises(InputError, match="no such file"):
        parse("")
    assert parse_text(PLAN_TXT.read_text(encoding="utf-8")).header.number == number


# --- .docx -----------------------------------------------------------------------------------------

def test_docx_that_is_not_a_zip(tmp_path):
    refused(write(tmp_path, "plan.docx", random.Random(1).randbytes(2000)), "named .docx but not a Word document")


def test_truncated_docx(tmp_path):
    data = PLAN_DOCX.read_bytes()
    refused(write(tmp_path, "plan.docx", data[: len(data) // 2]), "not a valid Word file")


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _document(body: str) -> bytes:
    return f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode()


def test_zip_bomb_refused_by_declared_size(tmp_path):
    bomb = _zip({"word/document.xml": _document(para(run("x")) + " " * (3 * 1024 * 1024))})
    assert len(bomb) < 30_000  # kilobytes that unzip to megabytes
    refused(write(tmp_path, "bomb.docx", bomb), "refused as a possible zip bomb", "--max-unzipped", "1")


def test_zip_bomb_that_lies_about_its_size(tmp_path):
    """The declared size says 100 bytes; the data expands to 3 MB: never more than declared is read."""
    real = _document(para(run("x")) + " " * (3 * 1024 * 1024))
    bomb = bytearray(_zip({"word/document.xml": real}))
    size = len(real).to_bytes(4, "little")
    for at in range(len(bomb) - 4):  # the size in the local header and in the central directory
        if bomb[at:at + 4] == size:
            bomb[at:at + 4] = (100).to_bytes(4, "little")
    refused(write(tmp_path, "liar.docx", bytes(bomb)), "damaged or truncated")


def test_default_unzipped_limit_is_checked_before_inflating(tmp_path):
    data = bytearray(_zip({"word/document.xml": _document(para(run("x")))}))
    declared = len(_document(para(run("x")))).to_bytes(4, "little")
    at = data.rfind(declared)  # the central directory's uncompressed size, which zipfile trusts
    data[at:at + 4] = (4_000_000_000).to_bytes(4, "little")
    refused(write(tmp_path, "huge.docx", bytes(data)), "would expand to")


def test_xml_entity_expansion_bomb_is_not_expanded(tmp_path):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{W_NS}"><w:body>'
           f'<w:p><w:r><w:t>KẾ HOẠCH &lol9;</w:t></w:r></w:p></w:body></w:document>').encode()
    code, stderr, stdout = parse_cli(write(tmp_path, "laughs.docx", _zip({"word/document.xml": xml})))
    assert "lollol" not in stdout
    assert code in (EXIT_OK, EXIT_INPUT), stderr


def test_external_entity_is_not_fetched(tmp_path):
    secret = write(tmp_path, "secret.txt", b"TOP-SECRET-VALUE")
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>KẾ HOẠCH &x;</w:t></w:r></w:p>'
           "</w:body></w:document>").encode()
    code, stderr, stdout = parse_cli(write(tmp_path, "xxe.docx", _zip({"word/document.xml": xml})))
    assert "TOP-SECRET" not in stdout + stderr
    assert code in (EXIT_OK, EXIT_INPUT)


def test_docx_without_a_body(tmp_path):
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"></w:document>'.encode()
    refused(write(tmp_path, "nobody.docx", _zip({"word/document.xml": xml})), "has no body")


def test_zip_that_is_not_a_word_document(tmp_path):
    refused(write(tmp_path, "other.docx", _zip({"content.xml": b"<x/>"})), "not a Word document")


def test_password_protected_docx(tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    locked = io.BytesIO()
    with PLAN_DOCX.open("rb") as source:
        ooxml.OOXMLFile(source).encrypt("secret", locked)
    refused(write(tmp_path, "locked.docx", locked.getvalue()), "password-protected")


def test_docx_built_in_code_still_parses(tmp_path):
    """The control: the builder's files are good, so the refusals above are about the damage."""
    path = write(tmp_path, "good.docx", docx(para(run("KẾ HOẠCH")) + para(run("I. MỤC ĐÍCH"))))
    assert parse_cli(path)[0] == EXIT_OK


# --- PDF -------------------------------------------------------------------------------------------

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"


def test_truncated_pdf(tmp_path):
    data = PLAN_PDF.read_bytes()
    refused(write(tmp_path, "cut.pdf", data[: len(data) * 6 // 10]), "not a readable PDF")


def _encrypted(user_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader, writer = pypdf.PdfReader(PLAN_PDF), pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_encrypted_with_a_user_password(tmp_path):
    refused(write(tmp_path, "locked.pdf", _encrypted("secret")), "encrypted with a password")


def test_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    code, stderr, stdout = parse_cli(write(tmp_path, "owner.pdf", _encrypted("")))
    assert code == EXIT_OK, stderr
    assert json.loads(stdout)["header"]["number"] == json.loads(parse_cli(PLAN_PDF)[2])["header"]["number"]


def test_pdf_without_pages(tmp_path):
    refused(write(tmp_path, "empty.pdf", pdf_bytes([CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"])), "has no pages")


def test_pdf_declaring_ten_thousand_pages(tmp_path):
    kids = b" ".join([b"3 0 R"] * 10_000)
    data = pdf_bytes([CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count 10000 >>", PAGE])
    refused(write(tmp_path, "many.pdf", data), "declares 10000 pages, more than the limit of 2000")


@pytest.mark.parametrize("tree", [
    [CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>", PAGE],  # a node that is its own child
    [CATALOG, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", PAGE, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],
], ids=["self", "two-node-cycle"])
def test_pdf_page_tree_loops_end(tmp_path, tree):
    """A page tree that loops must end (pdfminer skips pages it has seen): here in the one-line
    answer that the page has no text, within the per-file time limit that guards any other loop."""
    refused(write(tmp_path, "loop.pdf", pdf_bytes(tree)), "no text layer", "--timeout", "60")


@pytest.mark.slow
def test_scan_where_ocr_finds_no_text(tmp_path):
    image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image.new("RGB", (1240, 1754), "white").save(buffer, format="PDF", resolution=150)
    path = write(tmp_path, "blank-scan.pdf", buffer.getvalue())
    result = runner.invoke(app, ["parse", str(path), "--ocr", "auto"])
    assert result.exit_code == EXIT_INPUT and "no text found in the PDF, not even by OCR" in result.stderr


def test_ocr_page_limit(tmp_path):
    image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    pages = [image.new("RGB", (200, 280), "white") for _ in range(3)]
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:])
    path = write(tmp_path, "scan.pdf", buffer.getvalue())
    result = runner.invoke(app, ["parse", str(path), "--max-ocr-pages", "2"])
    assert result.exit_code == EXIT_INPUT
    assert "more than 2 pages need OCR, the limit (raise it with --max-ocr-pages" in result.stderr


def test_pdf_page_limit(tmp_path):
    refused(PLAN_PDF, "more than the limit of 1 (raise it with --max-pages)", "--max-pages", "1")


# --- documents that are not plans --------------------------------------------------------------------

HEADER = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
SIGNED = ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


@pytest.mark.parametrize(("lines", "doc_type", "words"), [
    ([*HEADER, "Số: 361/QĐ-UBND", "Hà Nam, ngày 7 tháng 3 năm 2024", "QUYẾT ĐỊNH",
      "Về việc ban hành Quy chế làm việc", "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.",
      "Điều 2. Quyết định có hiệu lực kể từ ngày ký.", *SIGNED], "Quyết định", "a Quyết định"),
    ([*HEADER, "Số: 12/UBND-VX", "V/v triển khai công tác phòng, chống dịch", "Hà Nam, ngày 3 tháng 4 năm 2024",
      "Kính gửi: Các sở, ban, ngành tỉnh", "Ủy ban nhân dân tỉnh đề nghị các đơn vị triển khai thực hiện.",
      *SIGNED], "Công văn", "a Công văn"),
    ([*HEADER, "Số: 40/BC-UBND", "Hà Nam, ngày 3 tháng 4 năm 2024", "BÁO CÁO", "Kết quả công tác năm 2023",
      "I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Đã tổ chức 12 hội nghị tuyên truyền.", *SIGNED], "Báo cáo", "a Báo cáo"),
    (["Cách nấu phở bò", "Nguyên liệu: xương bò, bánh phở, hành, gừng.", "Ninh xương trong sáu tiếng rồi lọc nước."],
     "Không xác định", "of unknown type"),
], ids=["quyet-dinh", "cong-van", "bao-cao", "unrelated"])
def test_documents_that_are_not_plans_say_so(tmp_path, lines, doc_type, words):
    code, _, stdout = parse_cli(write(tmp_path, "doc.txt", plan_text(*lines).encode()))
    plan = json.loads(stdout)
    assert code == EXIT_OK
    assert plan["header"]["doc_type"] == doc_type
    messages = [d["message"] for d in plan["diagnostics"] if d["code"] == "not_a_plan"]
    assert messages and words in messages[0]


def test_plan_without_a_type_line_is_still_a_plan_by_its_sections(tmp_path):
    lines = [line for line in PLAN_TXT.read_text(encoding="utf-8").splitlines() if line.strip() != "KẾ HOẠCH"]
    plan = json.loads(parse_cli(write(tmp_path, "plan.txt", plan_text(*lines).encode()))[2])
    assert plan["header"]["doc_type"] == "Kế hoạch"
    assert "not_a_plan" not in {d["code"] for d in plan["diagnostics"]}


# --- pathological text --------------------------------------------------------------------------------

PATHOLOGICAL = {
    "punctuation": "!" * 100_000,
    "mixed punctuation": "-.,;:/()[]" * 10_000,
    "open brackets": "(" * 100_000,
    "digits": "1" * 100_000,
    "deep label": ".".join(["1"] * 10_000) + ". Nội dung",
    "dotted digits": "1." * 50_000,
    "repeated words": "Số Kế hoạch ngày tháng năm " * 4_000,
    "spaces": "a" + " " * 100_000 + "b",
    "tabs": "\t".join(["Số: 11/KH-UBND"] * 5_000),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_every_grammar_pattern_ends_on_pathological_text(name):
    """Each pattern over each text, on whichever engine compiled it, under the per-file time limit's
    own alarm (`kehoach.batch.time_limit`): a hang detector (minutes of backtracking), not a speed
    measure; the benchmarks measure speed."""
    text = PATHOLOGICAL[name]
    for grammar_file in grammar.FILES:
        for entry, path in grammar.entries(grammar.load(grammar_file), f"{grammar_file}.yaml"):
            try:
                with time_limit(30):
                    entry.rx.search(text)
                    for _ in entry.rx.finditer(text[:20_000]):
                        pass
            except TimeLimitExceeded:
                pytest.fail(f"{path} backtracks without end on {name}")


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_whole_parse_ends_on_pathological_text(tmp_path, name):
    path = write(tmp_path, "odd.txt", plan_text("KẾ HOẠCH", PATHOLOGICAL[name], "I. MỤC ĐÍCH").encode())
    code, stderr, stdout = parse_cli(path, "--timeout", "120")
    assert code == EXIT_OK, stderr
    assert json.loads(stdout)["header"]["doc_type"] == "Kế hoạch"


@pytest.mark.slow
def test_hundred_thousand_numbered_lines(tmp_path):
    lines = [f"{index % 999 + 1}. Nội dung công việc số {index}" for index in range(100_000)]
    path = write(tmp_path, "long.txt", plan_text("KẾ HOẠCH", *lines).encode())
    code, stderr, stdout = parse_cli(path, "--timeout", "300")
    assert code == EXIT_OK, stderr
    assert len(json.loads(stdout)["sections"]) > 1000


def test_time_limit_per_file_names_the_option(tmp_path):
    lines = [f"{index % 999 + 1}. Nội dung công việc số {index}" for index in range(20_000)]
    path = write(tmp_path, "slow.txt", plan_text("KẾ HOẠCH", *lines).encode())
    refused(path, "took longer than the time limit of 0.1 s (raise it with --timeout)", "--timeout", "0.1")


# --- outputs ------------------------------------------------------------------------------------------

def test_unwritable_out_dir(tmp_path):
    blocker = write(tmp_path, "file", b"x")
    result = runner.invoke(app, ["parse", str(PLAN_TXT), "--out-dir", str(blocker / "out")])
    assert result.exit_code == EXIT_OUTPUT and "cannot write here" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_equal_to_an_input_is_refused(tmp_path):
    copy = write(tmp_path, "plan.txt", PLAN_TXT.read_bytes())
    result = runner.invoke(app, ["parse", str(copy), "-o", str(copy)])
    assert result.exit_code == EXIT_OUTPUT and "would overwrite an input" in result.stderr
    assert copy.read_bytes() == PLAN_TXT.read_bytes()


@pytest.fixture
def full_disk(monkeypatch):
    """Every write of an output fails as on a full disk (the data is written, then flushed to disk)."""
    import kehoach.output.files

    def no_space(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kehoach.output.files.os, "fsync", no_space)


def test_full_disk_leaves_no_partial_file(tmp_path, full_disk):
    out = tmp_path / "out" / "plan.json"
    result = runner.invoke(app, ["parse", str(PLAN_TXT), "-o", str(out)])
    assert result.exit_code == EXIT_OUTPUT
    assert result.stderr.strip() == f"kehoach: {out}: cannot write: No space left on device"
    assert list(out.parent.iterdir()) == []


def test_full_disk_stops_a_batch_with_the_output_status(tmp_path, full_disk):
    result = runner.invoke(app, ["parse", str(PLAN_TXT), str(SAMPLES / "000_3c7e1ad7be525b1e.txt"),
                                 "--out-dir", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == EXIT_OUTPUT and "No space left on device" in result.stderr
    assert [p for p in (tmp_path / "out").rglob("*") if p.is_file()] == []


def test_a_signal_during_a_write_leaves_no_partial_file(tmp_path, monkeypatch):
    """SIGTERM or Ctrl-C unwinds through the write (the handler raises): the temporary file goes too."""
    import kehoach.output.files

    def interrupted(_descriptor):
        raise KeyboardInterrupt

    monkeypatch.setattr(kehoach.output.files.os, "fsync", interrupted)
    out = tmp_path / "out" / "plan.json"
    with pytest.raises(KeyboardInterrupt):
        kehoach.output.files.write_atomic(out, "{}")
    assert list(out.parent.iterdir()) == []


def test_a_signal_right_after_the_temporary_file_is_made_leaves_no_file(tmp_path, monkeypatch):
    """The signal lands inside the call that makes the temporary file, after the file exists (where
    `tempfile.mkstemp` would not yet have told its name): it goes too."""
    import kehoach.output.files

    real_open = os.open

    def made_then_interrupted(name, flags, mode=0o777):
        os.close(real_open(name, flags, mode))
        raise KeyboardInterrupt

    monkeypatch.setattr(kehoach.output.files.os, "open", made_then_interrupted)
    out = tmp_path / "out" / "plan.json"
    with pytest.raises(KeyboardInterrupt):
        kehoach.output.files.write_atomic(out, "{}")
    monkeypatch.undo()
    assert list(out.parent.iterdir()) == []


def test_existing_output_survives_a_failed_write(tmp_path, full_disk):
    out = write(tmp_path, "plan.json", b'{"old": true}')
    assert runner.invoke(app, ["parse", str(PLAN_TXT), "-o", str(out)]).exit_code == EXIT_OUTPUT
    assert out.read_bytes() == b'{"old": true}'


# --- a batch of bad files ----------------------------------------------------------------------------

def test_batch_of_bad_files_reports_each_and_does_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a-empty.txt", b"")
    write(folder, "b-junk.docx", b"\x00\x01\x02" * 100)
    write(folder, "c-cut.pdf", PLAN_PDF.read_bytes()[:2000])
    write(folder, "d-good.txt", PLAN_TXT.read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(folder), "--out-dir", str(out), "--jobs", "2", "--ocr", "never"])
    assert result.exit_code == EXIT_INPUT
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[1].rsplit("/", 1)[-1] for line in lines[:3]] == ["a-empty.txt", "b-junk.docx",
                                                                              "c-cut.pdf"]
    assert "1 parsed, 3 failed" in lines[-1]
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["d-good.txt.json"]


def test_time_limit_interrupts_a_regular_expression_mid_match(monkeypatch):
    """The guard for any pattern not yet made linear: the per-file alarm stops the regex engine
    inside a match (it checks for signals). The pattern is one of the two that were quadratic on
    long runs of spaces before they were rewritten."""
    import regex

    from kehoach import pipeline
    from kehoach.batch import parse_one
    from kehoach.limits import Limits

    quadratic = regex.compile(r"[ \t]+(?i:về|ngày|phê[ \t]+duyệt)\b")
    monkeypatch.setattr(pipeline, "parse", lambda *args, **kwargs: quadratic.search("a" + " " * 200_000 + "b"))
    result = parse_one("stuck.txt", limits=Limits(timeout=0.5))
    assert result.error == "took longer than the time limit of 0.5 s (raise it with --timeout)"
