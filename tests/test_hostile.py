"""Hostile and unusual files, by class: each test builds its file, runs kehoach as a user does (a
real process), and checks the exit status, the one-line message, and that nothing else happened:
no partial output, memory under the cap, no temporary folder or process left behind."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLES
from tests.support import hostile
from tests.support.docx_builder import docx, level, numbering, para, styles

PLAN = SAMPLES / "000_3c7e1ad7be525b1e.txt"
MB = 1024 * 1024
# runs kehoach and reports, on its last line of stderr, the peak memory of every process it started
_MEASURED = ("import resource, subprocess, sys\n"
             "done = subprocess.run(sys.argv[1:])\n"
             "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
             "sys.exit(done.returncode)\n")


class Run:
    def __init__(self, done: subprocess.CompletedProcess):
        lines = done.stderr.splitlines()
        self.peak_mb = int(lines[-1].split()[1]) / 1024 if lines and lines[-1].startswith("peak-kb") else 0.0
        self.code = done.returncode
        self.stdout = done.stdout
        self.stderr = "\n".join(line for line in lines if not line.startswith("peak-kb"))

    def one_line(self, text: str) -> None:
        """A failure's message: one line naming the problem, no traceback, nothing on stdout."""
        assert "Traceback" not in self.stderr, self.stderr
        assert text in self.stderr, self.stderr
        assert self.stderr.count("\n") == 0, self.stderr
        assert self.stdout == ""


def kehoach(*args, tmp: Path | None = None, timeout: float = 240, stdin: bytes | None = None) -> Run:
    env = {**os.environ, "TMPDIR": str(tmp)} if tmp else None
    command = [sys.executable, "-c", _MEASURED, sys.executable, "-m", "kehoach", *map(str, args)]
    done = subprocess.run(command, capture_output=True, timeout=timeout, env=env, input=stdin)
    return Run(subprocess.CompletedProcess(command, done.returncode, done.stdout.decode("utf-8", "replace"),
                                           done.stderr.decode("utf-8", "replace")))


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A private temporary folder for the run: what kehoach leaves in it is checked at the end."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    yield folder
    assert list(folder.iterdir()) == [], "temporary files left behind"


# --- every resource bounded ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A 1 MB PDF whose one content stream inflates to 1 GB (deflating the gigabyte takes seconds:
    made once for the tests that use it)."""
    return hostile.pages(tmp_path_factory.mktemp("bomb") / "bomb.pdf", [b""], compressed=hostile.inflating_to(1024))


def test_a_decompression_bomb_in_a_pdf_is_refused_before_it_inflates(bomb, scratch):
    run = kehoach("parse", bomb, tmp=scratch)
    assert run.code == 1
    run.one_line("a content stream unpacks to more than 200 MB: refused as a possible decompression bomb "
                 "(raise the limit with --max-unzipped)")
    assert run.peak_mb < 500


def test_memory_is_capped_by_the_system_and_the_message_names_the_limit(bomb, scratch):
    """With the stream limit lifted, the same bomb runs into the memory cap, enforced by the
    operating system in the process that parses, and the message names the option."""
    run = kehoach("parse", bomb, "--max-unzipped", "0", "--max-memory", "600", tmp=scratch)
    assert run.code == 1
    run.one_line("(raise it with --max-memory)")
    assert "600 MB" in run.stderr
    assert run.peak_mb < 700


def test_many_text_operators_leave_the_page_out(tmp_path, scratch):
    heavy = hostile.pages(tmp_path / "ops.pdf", [b"BT /F1 1 Tf " + b"(x) Tj " * 1_000_000 + b"ET"])
    run = kehoach("parse", heavy, tmp=scratch)
    assert run.code == 1
    run.one_line("page 1 left out: it is drawn with more than 300,000 operators (raise the limit with "
                 "--max-operators)")
    assert run.peak_mb < 300


def test_the_time_limit_holds_for_pdfs_and_no_reader_swallows_it(tmp_path, scratch):
    """Six heavy pages: the limit stops the file, whatever page it is on and whatever the reader
    catches; the process group is killed if the reader does not return."""
    content = b"BT /F1 12 Tf 60 780 Td (KE HOACH) Tj ET BT /F1 1 Tf 10 10 Td " + b"(x) Tj " * 150_000 + b"ET"
    slow = hostile.pages(tmp_path / "slow.pdf", [content] * 6)
    started = time.monotonic()
    run = kehoach("parse", slow, "--timeout", "3", tmp=scratch)
    assert run.code == 1
    run.one_line("took longer than the time limit of 3 s (raise it with --timeout)")
    assert time.monotonic() - started < 60


def test_a_page_too_large_to_render_is_left_out_of_ocr(tmp_path, scratch):
    blank = hostile.pages(tmp_path / "poster.pdf", [b"10 10 100 100 re f"], size=(5669, 5669))  # 2 m square
    run = kehoach("parse", blank, tmp=scratch)
    assert run.code == 1
    run.one_line("page 1 is too large to read by OCR within the limit of 50 million pixels (raise it with "
                 "--max-ocr-pixels)")
    assert run.peak_mb < 300


def test_a_line_of_thousands_of_columns_is_read(tmp_path, scratch):
    """Gaps that shrink along a line once made one recursion per column."""
    ops, x = [b"BT /F1 12 Tf 60 760 Td (KE HOACH) Tj ET"], 10.0
    for index in range(4000):
        ops.append(f"BT /F1 4 Tf {x:.2f} 300 Td (a) Tj ET".encode())
        x += 2.22 + (2.5 if index % 2 == 0 else 11 + (4000 - index) * 0.02)
    wide = hostile.pages(tmp_path / "wide.pdf", [b"\n".join(ops)], size=(140000, 800))
    run = kehoach("parse", wide, "--ocr", "never", tmp=scratch)
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["header"]["doc_type"] == "Kế hoạch"


@pytest.mark.parametrize(("fmt", "start"), [("upperRoman", 20_000_000_000), ("lowerLetter", 10**12),
                                            ("decimal", "9" * 5000)])
def test_list_numbers_past_what_word_shows_are_bounded(tmp_path, scratch, fmt, start):
    body = "".join(para(text) for text in ("ỦY BAN NHÂN DÂN HUYỆN", "Số: 12/KH-UBND", "KẾ HOẠCH", "Về việc"))
    body += "".join(para(f"Nhiệm vụ {index}", num=(1, 0)) for index in range(5))
    path = tmp_path / "list.docx"
    path.write_bytes(docx(body, numbering({0: [level(0, fmt, "%1.", start=start)]}, {1: (0, {})})))
    run = kehoach("parse", path, tmp=scratch)
    assert run.code == 0, run.stderr
    assert len(run.stdout) < 100_000 and run.peak_mb < 300


def test_markup_numbers_of_thousands_of_digits_are_read_as_absent(tmp_path, scratch):
    big = "9" * 5000
    cell = f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{big}"/></w:tcPr>{para("ô 1")}</w:tc></w:tr></w:tbl>'
    body = para("KẾ HOẠCH") + para("Thử", num=(1, 0)) + cell
    path = tmp_path / "digits.docx"
    path.write_bytes(docx(body, numbering({0: [f'<w:lvl w:ilvl="{big}"><w:start w:val="{big}"/></w:lvl>']},
                                          {1: (0, {0: big})})))
    run = kehoach("parse", path, tmp=scratch)
    assert run.code == 0, run.stderr


def test_a_long_style_inheritance_chain_is_read_in_linear_time(tmp_path, scratch):
    chain = "".join(f'<w:style w:type="paragraph" w:styleId="S{index}"><w:name w:val="s{index}"/>'
                    f'<w:basedOn w:val="S{index + 1}"/></w:style>' for index in range(100_000))
    body = para("KẾ HOẠCH") + "".join(para(f"Đoạn {index}: đạt 90%", style=f"S{index * 250}") for index in range(400))
    path = tmp_path / "chain.docx"
    path.write_bytes(docx(body, styles_xml=styles(chain)))
    run = kehoach("parse", path, "--timeout", "60", tmp=scratch)  # quadratic, it took minutes
    assert run.code == 0, run.stderr


def test_a_twelve_megabyte_paragraph_is_valid_word_and_read(tmp_path, scratch):
    path = tmp_path / "long.docx"
    path.write_bytes(docx(para("KẾ HOẠCH") + para("I. MỤC ĐÍCH") + para("Tuyên truyền đạt 100% xã. " * 470_000)))
    run = kehoach("parse", path, "-o", tmp_path / "out.json", tmp=scratch)
    assert run.code == 0, run.stderr


def test_html_nested_past_the_parser_default_is_read(tmp_path, scratch):
    lines = "".join(f"<p>{line}</p>" for line in PLAN.read_text(encoding="utf-8").splitlines())
    deep = tmp_path / "deep.html"
    deep.write_text('<html><head><meta charset="utf-8"></head><body>' + "<div>" * 300 + lines + "</div>" * 300
                    + "</body></html>", encoding="utf-8")
    run = kehoach("parse", deep, tmp=scratch)
    assert run.code == 0 and json.loads(run.stdout)["header"]["number"] == "11/KH-BTV"
    deeper = tmp_path / "deeper.html"
    deeper.write_text("<html><body>" + "<div>" * 100_000 + lines + "</div>" * 100_000 + "</body></html>",
                      encoding="utf-8")
    run = kehoach("parse", deeper, tmp=scratch)
    assert run.code == 1
    run.one_line("the web page nests its elements more than 2,048 deep")


# --- no silent junk: every format read or refused by name ---------------------------------------

def test_utf8_html_without_a_charset_is_read_as_utf8(tmp_path, scratch):
    lines = "".join(f"<p>{line}</p>\n" for line in PLAN.read_text(encoding="utf-8").splitlines())
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>Kế hoạch</title></head><body>{lines}</body></html>",
                    encoding="utf-8")
    run = kehoach("parse", page, tmp=scratch)
    plan = json.loads(run.stdout)
    assert plan["header"]["title"] == "Thực hiện Chương trình phòng, chống mại dâm giai đoạn 2021-2025"
    assert len(plan["targets"]) == 7


def test_a_single_file_web_page_saved_as_doc_is_read(tmp_path, scratch):
    import html
    import quopri

    lines = PLAN.read_text(encoding="utf-8").splitlines()[:40]
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    body = quopri.encodestring(page.encode()).decode()
    path = tmp_path / "plan.doc"
    path.write_text('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_Part"\r\n\r\n'
                    "------=_Part\r\nContent-Location: file:///C:/plan.htm\r\nContent-Transfer-Encoding: "
                    f'quoted-printable\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n{body}\r\n------=_Part--\r\n')
    run = kehoach("parse", path, tmp=scratch)
    plan = json.loads(run.stdout)
    assert plan["source"]["format"] == "mhtml" and plan["header"]["number"] == "11/KH-BTV"
    assert "=E1" not in run.stdout


def test_an_embedded_web_page_body_is_read_where_it_stands(tmp_path, scratch):
    page = ("<html><body><p>I. MỤC ĐÍCH, YÊU CẦU</p><p>1. Đạt 100% xã có kế hoạch</p><p>II. CHỈ TIÊU</p>"
            "<p>- Ít nhất 70% cán bộ được tập huấn</p></body></html>")
    head = "".join(para(t) for t in ("ỦY BAN NHÂN DÂN HUYỆN MỸ XUYÊN", "Số: 12/KH-UBND",
                                     "Mỹ Xuyên, ngày 5 tháng 3 năm 2024", "KẾ HOẠCH", "Thực hiện công tác năm 2024"))
    tail = "".join(para(t) for t in ("Nơi nhận:", "- Như trên;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"))
    relationship = ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/aFChunk" Target="afchunk.htm"/>')
    path = tmp_path / "chunk.docx"
    path.write_bytes(docx(head + '<w:altChunk r:id="rId9"/>' + tail, parts={"word/afchunk.htm": page},
                          relationships=[relationship]))
    plan = json.loads(kehoach("parse", path, tmp=scratch).stdout)
    assert [s["title"] for s in plan["sections"]] == ["MỤC ĐÍCH, YÊU CẦU", "CHỈ TIÊU"]
    assert plan["header"]["title"] == "Thực hiện công tác năm 2024"
    assert "embedded_part_read" in {d["code"] for d in plan["diagnostics"]}


def test_strict_open_xml_is_read(tmp_path, scratch):
    path = tmp_path / "strict.docx"
    path.write_bytes(docx(para("KẾ HOẠCH") + para("Về việc thử") + para("I. MỤC ĐÍCH"),
                          namespace="http://purl.oclc.org/ooxml/wordprocessingml/main"))
    plan = json.loads(kehoach("parse", path, tmp=scratch).stdout)
    assert [s["title"] for s in plan["sections"]] == ["MỤC ĐÍCH"]


def test_a_word_file_of_pictures_only_is_an_error_not_an_empty_plan(tmp_path, scratch):
    drawing = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
               'wordprocessingDrawing"><wp:extent cx="5000000" cy="7000000"/><wp:docPr id="1" name="scan"/>'
               "</wp:inline></w:drawing></w:r></w:p>")
    path = tmp_path / "scan.docx"
    path.write_bytes(docx(drawing * 3))
    run = kehoach("parse", path, tmp=scratch)
    assert run.code == 1
    run.one_line("the Word document holds no text (only pictures?")


def test_text_that_is_not_latin_letters_is_refused(tmp_path, scratch):
    junk = tmp_path / "junk.txt"
    junk.write_text("".join(chr(0xAC00 + (index * 7919) % 11000) for index in range(3000)), encoding="utf-8")
    run = kehoach("parse", junk, tmp=scratch)
    assert run.code == 1
    run.one_line("the text is not readable")


def test_broken_utf16_is_an_input_error(tmp_path, scratch):
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfe" + PLAN.read_text(encoding="utf-8").encode("utf-16-le") + b"A")
    run = kehoach("parse", odd, tmp=scratch)
    assert run.code == 1
    run.one_line("broken UTF-16 text")


def test_a_pdf_text_layer_in_tcvn3_reads_as_the_same_text_file(tmp_path, scratch):
    layer = hostile.pages(tmp_path / "tcvn3.pdf", [hostile.text_lines(hostile.TCVN3_PLAN)])
    text = tmp_path / "tcvn3.txt"
    text.write_text("\n".join(hostile.TCVN3_PLAN) + "\n", encoding="utf-8")
    from_pdf = json.loads(kehoach("parse", layer, "--ocr", "never", tmp=scratch).stdout)
    from_text = json.loads(kehoach("parse", text, tmp=scratch).stdout)
    assert [s["title"] for s in from_pdf["sections"]] == [s["title"] for s in from_text["sections"]]
    assert [t["text"] for t in from_pdf["targets"]] == [t["text"] for t in from_text["targets"]]
    assert from_pdf["header"]["number"] == from_text["header"]["number"] == "12/KH-UBND"


@pytest.mark.parametrize("case", ["glyph numbers", "sideways"])
def test_unusable_pdf_text_layers_are_detected(tmp_path, scratch, case):
    if case == "sideways":
        lines = ["UY BAN NHAN DAN", "So: 12/KH-UBND", "KE HOACH", "I. MUC DICH", "1. Dat 100%"]
        path = hostile.pages(tmp_path / "sideways.pdf", [hostile.text_lines(lines, matrix="0 1 -1 0 300 100")])
        expected = "its text runs sideways"
    else:
        glyphs = bytes(range(3, 123)).hex().encode()
        content = b"BT /F1 12 Tf 60 780 Td " + b" ".join(b"<" + glyphs + b"> Tj 0 -16 Td" for _ in range(30)) + b" ET"
        path = hostile.pdf(tmp_path / "cid.pdf", [
            b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>", hostile.stream(content), *hostile.cid_font_objects(5)])
        expected = "glyph numbers with no letter"
    run = kehoach("parse", path, "--ocr", "never", tmp=scratch)
    assert run.code == 1
    run.one_line("the PDF's text cannot be used (")
    assert expected in run.stderr and "run with --ocr auto" in run.stderr


@pytest.mark.slow
def test_sideways_text_is_turned_upright_and_read_by_ocr(tmp_path, scratch):
    lines = ["UY BAN NHAN DAN", "So: 12/KH-UBND", "KE HOACH", "I. MUC DICH", "1. Dat 100%"]
    path = hostile.pages(tmp_path / "sideways.pdf", [hostile.text_lines(lines, matrix="0 1 -1 0 300 100")])
    plan = json.loads(kehoach("parse", path, tmp=scratch).stdout)
    assert plan["header"]["doc_type"] == "Kế hoạch"
    assert "text_layer_unusable" in {d["code"] for d in plan["diagnostics"]}


@pytest.mark.slow
def test_a_picture_given_directly_is_read_by_ocr(tmp_path, scratch):
    import pypdfium2

    scan = pypdfium2.PdfDocument(str(SAMPLES / "002_454801b3ece06145.scan.pdf"))
    picture = tmp_path / "page.png"
    scan[0].render(scale=300 / 72).to_pil().convert("L").save(picture, dpi=(300, 300))
    plan = json.loads(kehoach("parse", picture, tmp=scratch).stdout)
    assert plan["source"]["format"] == "image" and plan["header"]["number"]
    run = kehoach("parse", picture, "--ocr", "never", tmp=scratch)
    assert run.code == 1
    run.one_line("a picture (PNG), which is read by OCR: run with --ocr auto")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["rtf", "odt"])
def test_rtf_and_opendocument_named_doc_are_read_through_libreoffice(tmp_path, scratch, kind):
    from kehoach.readers.doc import convert

    converted = convert((SAMPLES / "002_454801b3ece06145.docx").read_bytes(), ".docx", kind)
    path = tmp_path / "plan.doc"
    path.write_bytes(converted)
    plan = json.loads(kehoach("parse", path, tmp=scratch).stdout)
    expected = json.loads(kehoach("parse", SAMPLES / "002_454801b3ece06145.docx", tmp=scratch).stdout)
    assert plan["source"]["format"] == kind
    assert plan["header"]["number"] == expected["header"]["number"]
    assert [s["title"] for s in plan["sections"]] == [s["title"] for s in expected["sections"]]


@pytest.mark.slow
def test_an_ole_header_followed_by_junk_is_refused(tmp_path, scratch):
    junk = tmp_path / "junk.doc"
    junk.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes((index * 7919 + 13) % 251 for index in range(100_000)))
    run = kehoach("parse", junk, tmp=scratch)
    assert run.code == 1
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_a_diff_against_a_parent_that_hands_nothing_down_says_so(tmp_path, scratch):
    decision = tmp_path / "quyet_dinh.txt"
    decision.write_text("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG\nSố: 123/QĐ-UBND\nSóc Trăng, ngày 10 tháng 1 năm 2022\n"
                        "QUYẾT ĐỊNH\nVề việc phê duyệt danh sách\nĐiều 1. Phê duyệt danh sách kèm theo.\n"
                        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\nCHỦ TỊCH\n"
                        "Trần Văn B\n", encoding="utf-8")
    run = kehoach("diff", decision, PLAN, tmp=scratch)
    assert run.code == 2
    run.one_line("has no targets, tasks or reporting duties to carry down, so there is nothing to compare")


# --- outputs never clobber what is not a regular file ----------------------------------------------

@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder", "device"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, scratch, kind):
    target = tmp_path / "out.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = os.lstat(target)
    for command in (["parse", PLAN, "-o", target], ["diff", PLAN, PLAN, "-o", target],
                    ["export", "targets", PLAN, "-o", target]):
        run = kehoach(*command, tmp=scratch)
        assert run.code == 3, (command, run.stderr)
        assert "not a regular file: refused as an output" in run.stderr
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.json", "victim.txt", "tmp"])


def test_outputs_take_the_users_umask_and_dash_is_standard_output(tmp_path, scratch):
    out = tmp_path / "plan.json"
    done = subprocess.run(["sh", "-c", f'umask 022 && exec "{sys.executable}" -m kehoach parse "{PLAN}" -o "{out}"'],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    run = kehoach("parse", PLAN, "-o", "-", tmp=scratch)
    assert json.loads(run.stdout)["header"]["number"] == "11/KH-BTV"
    assert not (Path.cwd() / "-").exists()


# --- paths are paths ------------------------------------------------------------------------------

def test_a_glob_over_a_symlink_loop_ends(tmp_path, scratch):
    (tmp_path / "loop" / "a").mkdir(parents=True)
    (tmp_path / "loop" / "a" / "plan.txt").write_bytes(PLAN.read_bytes())
    (tmp_path / "loop" / "a" / "up").symlink_to("..")
    (tmp_path / "loop" / "self").symlink_to(tmp_path / "loop")
    run = kehoach("parse", str(tmp_path / "loop" / "**" / "*.txt"), "-f", "jsonl", tmp=scratch, timeout=60)
    assert run.code == 0 and len(run.stdout.splitlines()) == 1


def test_a_folder_of_files_kehoach_does_not_read_names_them(tmp_path, scratch):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "plan.text").write_bytes(PLAN.read_bytes())
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    run = kehoach("parse", folder, tmp=scratch)
    assert run.code == 2
    assert "2 file(s) of other kinds left out (.jpg, .text)" in run.stderr
    assert "no plan among the inputs" in run.stderr


# --- clean exits ----------------------------------------------------------------------------------

def _batch(tmp_path: Path, count: int = 800) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for index in range(count):
        (folder / f"{index:04d}.txt").write_bytes(PLAN.read_bytes())
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_a_batch_stopped_by_a_signal_ends_its_workers_and_says_so_once(tmp_path, scratch, how):
    folder = _batch(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kehoach", "parse", str(folder), "--out-dir", str(out), "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, "TMPDIR": str(scratch)},
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # signalled once the workers are writing, however fast they are: a fixed wait let a fast run end first
    deadline = time.monotonic() + 60
    while not any(out.rglob("*.json")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert process.poll() is None, "the batch ended before it could be stopped"
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # a terminal sends it to the whole foreground group
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    text = stderr.decode()
    assert process.returncode == (130 if how == "ctrl-c" else 143)
    assert text.strip().splitlines()[-1] == ("kehoach: interrupted" if how == "ctrl-c" else "kehoach: terminated")
    assert "Traceback" not in text
    time.sleep(0.5)
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]  # no partial output


@pytest.mark.slow
def test_sigterm_during_a_libreoffice_conversion_leaves_nothing_behind(tmp_path, scratch):
    process = subprocess.Popen([sys.executable, "-m", "kehoach", "parse", str(SAMPLES / "003_c9a5a7f377ccb59b.doc")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "TMPDIR": str(scratch)})
    time.sleep(2)
    process.terminate()
    process.communicate(timeout=60)
    assert process.returncode == 143
    time.sleep(1)
    left = subprocess.run(["pgrep", "-f", str(scratch)], capture_output=True, text=True).stdout.split()
    assert left == []  # no LibreOffice still converting in the removed folder


def test_an_internal_error_in_one_file_exits_4_and_the_others_are_done(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kehoach import pipeline
    from kehoach.cli import app

    broken = tmp_path / "broken.txt"
    broken.write_text("KẾ HOẠCH\nI. MỤC ĐÍCH\nthis one breaks\n", encoding="utf-8")
    real = pipeline.extract

    def extract(zones, outline, source, diagnostics):
        if source.path.endswith("broken.txt"):
            raise RuntimeError("a bug")
        return real(zones, outline, source, diagnostics)

    monkeypatch.setattr(pipeline, "extract", extract)
    done = CliRunner().invoke(app, ["parse", str(broken), str(PLAN), "-f", "jsonl", "-j", "2"])
    assert done.exit_code == 4
    assert "broken.txt: internal error: RuntimeError: a bug" in done.stderr
    assert json.loads(done.stdout)["header"]["number"] == "11/KH-BTV"


def test_zero_means_no_limit_for_every_limit_option(tmp_path, scratch):
    run = kehoach("parse", PLAN, "--max-size", "0", "--max-pages", "0", "--max-ocr-pages", "0", "--max-unzipped", "0",
                  "--max-operators", "0", "--max-ocr-pixels", "0", "--max-memory", "0", "--timeout", "0", tmp=scratch)
    assert run.code == 0 and json.loads(run.stdout)["header"]["number"] == "11/KH-BTV"


def test_diff_names_why_it_fails_and_refuses_two_standard_inputs(tmp_path, scratch):
    child = FIXTURES / "diff" / "child-000.txt"
    run = kehoach("diff", PLAN, child, "-f", "json", tmp=scratch)
    assert run.code == 1 and "the child plan has rows with a --fail-on status:" in run.stderr
    run = kehoach("diff", "-", "-", stdin=PLAN.read_bytes(), tmp=scratch)
    assert run.code == 2
    run.one_line("'-' reads standard input, which holds one plan")


def test_usage_errors_are_one_line_without_library_wording(scratch):
    run = kehoach("parse", PLAN, "-f", "xml", tmp=scratch)
    assert run.code == 2
    run.one_line("'xml' is not one of 'json', 'yaml', 'jsonl'")
    assert "Value error" not in run.stderr and "╭" not in run.stderr
    help_text = kehoach("parse", "--help", tmp=scratch).stdout
    assert "<bool>" not in help_text and "list[str]" not in help_text


@pytest.mark.parametrize("which", ["parent", "child"])
def test_either_plan_of_a_diff_may_come_from_standard_input(scratch, which):
    child = FIXTURES / "diff" / "child-000.txt"
    arguments = ["-", child] if which == "parent" else [PLAN, "-"]
    stdin = (PLAN if which == "parent" else child).read_bytes()
    run = kehoach("diff", *arguments, "-f", "json", stdin=stdin, tmp=scratch)
    assert run.code == 1, run.stderr  # the child weakens two targets
    assert json.loads(run.stdout)["summary"]["coverage"] == json.loads(
        kehoach("diff", PLAN, child, "-f", "json", tmp=scratch).stdout)["summary"]["coverage"]
