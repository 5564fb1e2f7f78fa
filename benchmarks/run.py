#!/usr/bin/env python3
"""Speed and memory of kehoach against its limits, measured in one run; prints a markdown table.

Each file is timed twice against its baseline: as a user runs it (`kehoach parse FILE` and the
baseline each in a process of their own, start-up included) and in a running process (the reader
and the stages alone, as in a batch or a library call).

    .venv/bin/python benchmarks/run.py            # everything (makes the long plans once, in benchmarks/.cache)
    .venv/bin/python benchmarks/run.py --quick    # the sample plans only, fewer repetitions

Two generated long plans: plan-300 (DOCX and PDF), 300 pages made of the sample plans' own
paragraphs in their proportions (`big_plan_text`), and stress-300 (DOCX), where every paragraph
is a target that names a percentage, agencies and a report, the heaviest load per paragraph
(`stress_plan_text`; until November 2026 this was "plan-300").

Timings are medians of several runs. This is a measurement, never a test: machines are shared
and noisy, so nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

if __package__ in (None, ""):  # run as a script: its sibling modules are found from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.baselines import docx_read, pdf_read

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CACHE = ROOT / "benchmarks" / ".cache"
PYTHON = sys.executable
KEHOACH = str(Path(PYTHON).parent / "kehoach")


def median_time(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def paired_medians(ours, base, repeat: int) -> tuple[float, float]:
    """Medians of two actions timed in turn (ours, base, ours, base...), so that both meet the same
    moments of a shared machine's load; a ratio of two medians taken minutes apart says less."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, kept in ((ours, times[0]), (base, times[1])):
            started = time.perf_counter()
            action()
            kept.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


PAGE_CHARS = 2_250  # characters of 13-pt text on an A4 page (LibreOffice's PDF of the plan: 300 pages)
_ROMAN = regex.compile(r"^[IVXL]+\.\s*")
_PERCENT = regex.compile(r"(?<![\d.,/])(\d{1,3})(?=[ \t]*%)")


def _body(path: Path) -> list[str]:
    """A sample plan's body: from its first Roman-numbered part to "Nơi nhận" or the site's debris,
    markdown marks and the closing "./." removed, blank lines dropped."""
    lines = [line.replace("**", "").strip("#* \t") for line in path.read_text(encoding="utf-8").splitlines()]
    start = next(index for index, line in enumerate(lines) if _ROMAN.match(line))
    body = []
    for line in lines[start:]:
        if line.startswith("Nơi nhận") or line == "[...]":
            break
        if line:
            body.append(line.replace("./.", "."))  # the closing mark of a plan: this one goes on
    return body


def _varied(line: str, cycle: int) -> str:
    """The line as the `cycle`-th copy writes it, so that copies are seldom the same text: its
    percentages moved by `cycle`, and its clauses (after the first, which holds its opening) in
    an order drawn for the copy."""
    if cycle == 0:
        return line
    line = _PERCENT.sub(lambda m: str((int(m.group(1)) + cycle - 1) % 100 + 1), line)  # stays 1-100
    body = line.rstrip(".;")
    separator = "; " if body.count("; ") >= 2 else ", "
    clauses = body.split(separator)
    if len(clauses) < 3:
        return line
    rest = clauses[1:]
    random.Random(f"{cycle}:{line}").shuffle(rest)
    return separator.join([clauses[0], *rest]) + line[len(body):]


def big_plan_text(pages: int = 300) -> str:
    """A 300-page plan made of the sample plans' own parts, tasks, targets and duties, in their order
    and proportions (about one paragraph in ten a target): their bodies one after another, each
    under a "PHẦN n." of its own and each copy varied (`_varied`), until the pages are filled."""
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 1295/KH-UBND", "Hà Nam, ngày 17 tháng 6 năm 2016", "KẾ HOẠCH",
             "Phòng, chống mại dâm giai đoạn 2016 - 2020 trên địa bàn tỉnh",
             "Thực hiện Quyết định số 361/QĐ-TTg ngày 07 tháng 03 năm 2016 của Thủ tướng Chính phủ;"]
    bodies = [_body(path) for path in sorted(SAMPLES.glob("*.txt"))]
    size, part, cycle = 0, 0, 0
    while size < pages * PAGE_CHARS:
        for body in bodies:
            part += 1
            lines.append(f"PHẦN {part}. LĨNH VỰC {part}")
            for line in body:
                line = line if _ROMAN.match(line) else _varied(line, cycle)
                lines.append(line)
                size += len(line)
        cycle += 1
    lines += ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Bùi Quang Cẩm"]
    return "\n".join(lines) + "\n"


def stress_plan_text(pages: int = 300) -> str:
    """A long plan of the heaviest kind per paragraph: every item opens with a percentage, names
    agencies and a report, so each is a target read for quantities, comparators and reporting
    (real plans: about one paragraph in twelve). Five item texts repeat throughout."""
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 1295/KH-UBND", "Hà Nam, ngày 17 tháng 6 năm 2016", "KẾ HOẠCH",
             "Phòng, chống mại dâm giai đoạn 2016 - 2020 trên địa bàn tỉnh",
             "Thực hiện Quyết định số 361/QĐ-TTg ngày 07 tháng 03 năm 2016 của Thủ tướng Chính phủ;"]
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    per_page = 9  # paragraphs of ~60 words fill an A4 page at 13 pt
    for part in range(10):
        lines.append(f"{romans[part]}. NHIỆM VỤ, GIẢI PHÁP NHÓM {part + 1}")
        for section in range(1, pages * per_page // 10 // 6 + 1):
            lines.append(f"{section}. Tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật số {section}")
            for item in range(5):
                lines.append(f"- Ít nhất {50 + item}% xã, phường, thị trấn tổ chức tuyên truyền, phổ biến chính "
                             "sách, pháp luật về phòng, chống mại dâm cho cán bộ, hội viên, đoàn viên và nhân dân; "
                             "phối hợp với các cơ quan, đơn vị liên quan kiểm tra, giám sát việc thực hiện, báo cáo "
                             "kết quả định kỳ về Ủy ban nhân dân tỉnh qua Sở Lao động - Thương binh và Xã hội.")
    lines += ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Bùi Quang Cẩm"]
    return "\n".join(lines) + "\n"


def _docx(path: Path, text: str) -> Path:
    """`text` as a .docx, one paragraph a line; made again when the text it was made from (kept
    beside it as .txt) is not `text`: a change to a generator must not be timed on an old file."""
    source = path.with_suffix(".txt")
    if not path.exists() or not source.exists() or source.read_text(encoding="utf-8") != text:
        import docx

        document = docx.Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        document.save(path)
        source.write_text(text, encoding="utf-8")
    return path


def big_files() -> tuple[Path, Path, Path]:
    """The 300-page plan as DOCX (python-docx) and PDF (LibreOffice), and the stress plan as DOCX,
    made once."""
    CACHE.mkdir(parents=True, exist_ok=True)
    docx_path = _docx(CACHE / "plan-300.docx", big_plan_text())
    stress_path = _docx(CACHE / "stress-300.docx", stress_plan_text())
    pdf_path = CACHE / "plan-300.pdf"
    if not pdf_path.exists() or pdf_path.stat().st_mtime < docx_path.stat().st_mtime:
        from kehoach.readers.doc import convert

        pdf_path.write_bytes(convert(docx_path.read_bytes(), ".docx", "pdf", timeout=600))
    return docx_path, pdf_path, stress_path


BASELINES = Path(__file__).resolve().parent / "baselines.py"


def docx_baseline(path: Path) -> None:
    """python-docx opening the file and reading every paragraph and cell, in a process of its own."""
    subprocess.run([PYTHON, str(BASELINES), "docx", str(path)], check=True)


def pdf_baseline(path: Path) -> None:
    """pdfplumber's text extraction of every page, in a process of its own."""
    subprocess.run([PYTHON, str(BASELINES), "pdf", str(path)], check=True)


def parse_here(path: Path) -> None:
    """`kehoach.parse` in this (warmed) process: the reader and the stages, without start-up."""
    import kehoach

    kehoach.parse(path)


def parse_process(path: Path, *options: str) -> None:
    """`kehoach parse FILE` as a user runs it."""
    subprocess.run([KEHOACH, "parse", str(path), *options], stdout=subprocess.DEVNULL, check=True)


def byte_compile() -> None:
    """Write the package's bytecode, as `pip install` does. An editable checkout run with
    PYTHONDONTWRITEBYTECODE (set on this machine) would otherwise compile every module from
    source at each start, which is not what an installed kehoach does."""
    import compileall

    import kehoach

    compileall.compile_dir(str(Path(kehoach.__file__).parent), quiet=1)


def process_median(command: list[str], repeat: int) -> float:
    return median_time(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True), repeat)


def throughput(files: list[Path], jobs: int) -> float:
    started = time.perf_counter()
    subprocess.run([KEHOACH, "parse", "--jobs", str(jobs), "--format", "jsonl", "--quiet", *map(str, files)],
                   stdout=subprocess.DEVNULL, check=False)
    return len(files) / (time.perf_counter() - started)


def peak_memory_mb(path: Path) -> float:
    """Maximum resident memory of a whole `kehoach parse` process (and the child that parses), in MB."""
    code = ("import resource, subprocess, sys\n"
            f"subprocess.run([{KEHOACH!r}, 'parse', {str(path)!r}], stdout=subprocess.DEVNULL)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024


def scan_file(pages: int = 20) -> Path:
    """A scan of `pages` pages: the sample scans' pages one after another (made once)."""
    import pypdfium2

    path = CACHE / f"scan-{pages}.pdf"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        made = pypdfium2.PdfDocument.new()
        for source in sorted(SAMPLES.glob("*.scan.pdf")):
            scan = pypdfium2.PdfDocument(str(source))
            wanted = min(len(scan), pages - len(made))
            if wanted > 0:
                made.import_pages(scan, list(range(wanted)))
        made.save(str(path))
    return path


def scan_timing(path: Path, jobs: int) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run([KEHOACH, "parse", str(path), "--jobs", str(jobs)], capture_output=True, check=True)
    return time.perf_counter() - started, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="sample plans only, fewer repetitions")
    args = parser.parse_args()
    repeat = 3 if args.quick else 5
    rows = []

    def row(what: str, measured: str, limit: str, ok: bool) -> None:
        rows.append(f"| {what} | {measured} | {limit} | {'yes' if ok else 'NO'} |")
        print(rows[-1], flush=True)

    print("| measure | measured | limit | within |\n|---|---|---|---|", flush=True)
    byte_compile()
    parse_process(SAMPLES / "000_3c7e1ad7be525b1e.txt")  # the compiled-pattern cache filled, as after a first run
    docx_files = sorted(SAMPLES.glob("*.docx"))
    pdf_files = sorted(p for p in SAMPLES.glob("*.pdf") if not p.name.endswith((".scan.pdf", ".rough.pdf")))
    if not args.quick:
        big_docx, big_pdf, stress_docx = big_files()
        docx_files += [big_docx, stress_docx]
        pdf_files.append(big_pdf)
    parse_here(SAMPLES / "000_3c7e1ad7be525b1e.txt")  # warm the grammars, as in a batch
    for path in docx_files:
        times = 5 if "300" in path.name else 11
        ours, base = paired_medians(lambda p=path: parse_process(p), lambda p=path: docx_baseline(p), times)
        row(f"DOCX {path.name}: `kehoach parse` / python-docx read, whole processes",
            f"{ours:.3f} s / {base:.3f} s = {ours / base:.2f}x", "<= 1.5x", ours <= 1.5 * base)
        ours, base = paired_medians(lambda p=path: parse_here(p), lambda p=path: docx_read(str(p)), 3 * times)
        row(f"DOCX {path.name}: parse / python-docx read, in a running process",
            f"{ours:.3f} s / {base:.3f} s = {ours / base:.2f}x", "<= 1.5x", ours <= 1.5 * base)
    for path in pdf_files:
        times = 1 if "300" in path.name else repeat  # the long plan: twenty seconds a run for pdfplumber
        ours, base = paired_medians(lambda p=path: parse_process(p), lambda p=path: pdf_baseline(p), times)
        row(f"PDF {path.name}: `kehoach parse` / pdfplumber extract_text, whole processes",
            f"{ours:.3f} s / {base:.3f} s = {ours / base:.2f}x", "<= 0.3x", ours <= 0.3 * base)
        ours, base = paired_medians(lambda p=path: parse_here(p), lambda p=path: pdf_read(str(p)), times)
        row(f"PDF {path.name}: parse / pdfplumber extract_text, in a running process",
            f"{ours:.3f} s / {base:.3f} s = {ours / base:.2f}x", "<= 0.3x", ours <= 0.3 * base)
    seconds = process_median([KEHOACH, "parse", str(SAMPLES / "000_3c7e1ad7be525b1e.txt")], 11 if not args.quick else 5)
    row("process `kehoach parse plan.txt` (13 KB), median", f"{seconds:.3f} s", "<= 0.2 s", seconds <= 0.2)
    seconds = process_median([KEHOACH, "--version"], 11 if not args.quick else 5)
    row("process `kehoach --version`, median", f"{seconds:.3f} s", "<= 0.08 s", seconds <= 0.08)
    if not args.quick:
        scan = scan_file(20)
        one, text_one = scan_timing(scan, 1)
        two, text_two = scan_timing(scan, 2)
        row("20-page scan: `--jobs 1` / `--jobs 2`", f"{one:.1f} s / {two:.1f} s = {one / two:.2f}x"
            f"{'' if text_one == text_two else ' (TEXT DIFFERS)'}", ">= 1.7x, same text",
            one >= 1.7 * two and text_one == text_two)
    with tempfile.TemporaryDirectory() as folder:
        sources = sorted(SAMPLES.glob("*.txt")) + docx_files[:5] + pdf_files[:5]
        files = []
        for index in range(200 if not args.quick else 40):
            source = sources[index % len(sources)]
            target = Path(folder) / f"{index:03d}{source.suffix}"
            shutil.copy(source, target)
            files.append(target)
        one, two = throughput(files, 1), throughput(files, 2)
        row(f"--jobs 2 / --jobs 1 on {len(files)} files", f"{two:.1f} / {one:.1f} files/s = {two / one:.2f}x",
            ">= 1.8x", two >= 1.8 * one)
    if not args.quick:
        memory = peak_memory_mb(pdf_files[-1])
        row(f"peak memory, {pdf_files[-1].name}", f"{memory:.0f} MB", "<= 150 MB", memory <= 150)
    print(f"\n{os.cpu_count()} cores; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
