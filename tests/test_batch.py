"""Batches from shell scripts: inputs, outputs, the pool, failures, summaries, exports, the API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import kehoach
from kehoach.batch import Result, collect, parse_many, parse_one
from kehoach.cli import app
from kehoach.isolation import run_isolated
from kehoach.limits import Limits
from tests.conftest import SAMPLES

runner = CliRunner()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "tinh").mkdir(parents=True)
    (root / "huyen" / "xa").mkdir(parents=True)
    shutil.copy(SAMPLES / "000_3c7e1ad7be525b1e.txt", root / "tinh" / "a.txt")
    shutil.copy(SAMPLES / "001_507e8a831fee471a.docx", root / "huyen" / "b.docx")
    shutil.copy(SAMPLES / "004_79e9a1a2290a5ec8.pdf", root / "huyen" / "xa" / "c.pdf")
    (root / "huyen" / "notes.xyz").write_text("not a plan", encoding="utf-8")
    (root / "huyen" / "empty.txt").write_bytes(b"")
    return root


def test_collect_folders_globs_and_lists(tree, tmp_path):
    names = [Path(i.path).name for i in collect([str(tree)])]
    assert names == ["b.docx", "empty.txt", "c.pdf", "a.txt"]
    assert [Path(i.path).name for i in collect([str(tree / "**" / "*.pdf")])] == ["c.pdf"]
    listing = tmp_path / "list.txt"
    listing.write_text(f"{tree / 'tinh' / 'a.txt'}\n# a comment\n\n{tree / 'huyen' / 'b.docx'}\n", encoding="utf-8")
    assert [Path(i.path).name for i in collect([], str(listing))] == ["a.txt", "b.docx"]


def test_out_dir_mirrors_the_tree_and_reports(tree, tmp_path):
    out = tmp_path / "out"
    done = runner.invoke(app, ["parse", str(tree), "--out-dir", str(out), "-j", "2"])
    assert done.exit_code == 1  # empty.txt fails, the others are written
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["huyen/b.docx.json", "huyen/xa/c.pdf.json", "tinh/a.txt.json"]
    assert json.loads((out / "tinh" / "a.txt.json").read_text(encoding="utf-8"))["header"]["number"] == "11/KH-BTV"
    assert "empty.txt: the file is empty" in done.stderr
    assert "4 file(s): 3 parsed, 1 failed, 0 skipped" in done.stderr
    assert done.stdout == ""


def test_skip_existing_and_yaml(tree, tmp_path):
    out = tmp_path / "out"
    (tree / "huyen" / "empty.txt").unlink()
    assert runner.invoke(app, ["parse", str(tree), "--out-dir", str(out), "-f", "yaml"]).exit_code == 0
    assert (out / "huyen" / "b.docx.yaml").exists()
    again = runner.invoke(app, ["parse", str(tree), "--out-dir", str(out), "-f", "yaml", "--skip-existing"])
    assert again.exit_code == 0 and "0 parsed, 0 failed, 3 skipped" in again.stderr
    time.sleep(0.05)
    os.utime(tree / "tinh" / "a.txt")
    third = runner.invoke(app, ["parse", str(tree), "--out-dir", str(out), "-f", "yaml", "--skip-existing"])
    assert "1 parsed, 0 failed, 2 skipped" in third.stderr


def test_jsonl_streams_in_input_order_and_jobs_give_the_same_results(tree):
    (tree / "huyen" / "empty.txt").unlink()
    one = runner.invoke(app, ["parse", str(tree), "-f", "jsonl", "-j", "1", "-q"])
    two = runner.invoke(app, ["parse", str(tree), "-f", "jsonl", "-j", "2", "-q"])
    assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout and one.stderr == ""
    assert [json.loads(line)["source"]["format"] for line in one.stdout.splitlines()] == ["docx", "pdf", "txt"]


def test_a_slow_file_at_the_head_does_not_hold_back_the_others(tmp_path):
    """While the oldest file is still running, the other worker goes on with the files after it:
    the head here waits until the last file has started, which would never happen if work were
    handed out only as the head finished (it gives up after 30 s and says so)."""
    items = [f"f{index}" for index in range(12)]
    started = tmp_path / "last-started"

    def work(item: str) -> Result:
        if item == items[-1]:
            started.touch()
        if item == items[0]:
            for _ in range(300):
                if started.exists():
                    return Result(item)
                time.sleep(0.1)
            return Result(item, error="starved")
        return Result(item)

    results = list(run_isolated(items, work, items, jobs=2, limits=Limits()))
    assert [(r.path, r.error) for r in results] == [(item, None) for item in items]  # input order, head not starved


def test_fail_fast_stops_at_the_first_failure(tree):
    done = runner.invoke(app, ["parse", str(tree / "huyen" / "empty.txt"), str(tree / "tinh" / "a.txt"),
                               "--fail-fast", "-j", "1"])
    assert done.exit_code == 1 and done.stdout == "" and "0 parsed, 1 failed" in done.stderr


def test_a_file_over_the_time_limit_is_reported_and_the_batch_goes_on():
    slow = parse_one(str(SAMPLES / "003_c9a5a7f377ccb59b.docx"), limits=Limits(timeout=0.001))
    assert not slow.ok and "time limit" in slow.error
    results = list(parse_many([SAMPLES / "000_3c7e1ad7be525b1e.txt", "/nonexistent.txt"], jobs=2))
    assert [r.ok for r in results] == [True, False] and results[1].error == "no such file"


def test_usage_errors():
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["parse", "nothing-*.txt"]).exit_code == 2
    assert runner.invoke(app, ["parse", str(SAMPLES), "--out-dir", "x", "-f", "jsonl"]).exit_code == 2
    assert runner.invoke(app, ["parse", str(SAMPLES), "--skip-existing"]).exit_code == 2


def test_unwritable_out_dir_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    done = runner.invoke(app, ["parse", str(SAMPLES / "000_3c7e1ad7be525b1e.txt"), "--out-dir", str(blocker / "o")])
    assert done.exit_code == 3 and "cannot write here" in done.stderr


def test_export_csv_and_xlsx(tree, tmp_path):
    (tree / "huyen" / "empty.txt").unlink()
    csv_path = tmp_path / "targets.csv"
    done = runner.invoke(app, ["export", "targets", str(tree), "-o", str(csv_path)])
    assert done.exit_code == 0
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("file,plan_number,plan_issuer,plan_date,plan_title,section_id,text,value")
    assert len(lines) == 1 + 4 + 7 + 2  # b.docx (001): 4 targets, a.txt (000): 7, c.pdf (004): 2
    xlsx = tmp_path / "citations.xlsx"
    assert runner.invoke(app, ["export", "citations", str(tree), "-o", str(xlsx)]).exit_code == 0
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("file", "plan_number", "plan_issuer", "plan_date", "plan_title")
    assert any(row[8] == "1170/KH-ĐCT" for row in rows[1:])
    assert runner.invoke(app, ["export", "tasks", str(tree), "-o", str(xlsx)]).exit_code == 2


def test_the_python_api_from_the_readme():
    plan = kehoach.parse(SAMPLES / "001_507e8a831fee471a.txt")
    assert plan.header.number == "81/KH-SLĐTBXH"
    numbers = [r.plan.header.number for r in kehoach.parse_many(sorted(SAMPLES.glob("00[01]*.txt")), jobs=2)]
    assert numbers == ["11/KH-BTV", "81/KH-SLĐTBXH"]
    result = kehoach.diff(kehoach.parse(SAMPLES / "000_3c7e1ad7be525b1e.txt"),
                          kehoach.parse(SAMPLES / "000_3c7e1ad7be525b1e.txt"))
    assert set(result.summary["targets"]) == {"kept"}


def test_a_parse_leaves_the_cycle_collector_as_it_found_it():
    """A library call has no process-wide side effects: the collector is neither paused nor resumed."""
    import gc

    plan = SAMPLES / "000_3c7e1ad7be525b1e.txt"
    assert gc.isenabled()
    kehoach.parse(plan)
    assert gc.isenabled()
    gc.disable()  # a caller that pauses it itself keeps it paused
    try:
        kehoach.parse(plan)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_results_pickle_for_other_processes():
    import pickle

    result = parse_one(str(SAMPLES / "000_3c7e1ad7be525b1e.txt"))
    assert pickle.loads(pickle.dumps(result)).plan == result.plan


def test_batch_as_a_real_subprocess_keeps_stdout_for_data(tree):
    (tree / "huyen" / "empty.txt").unlink()
    done = subprocess.run([sys.executable, "-m", "kehoach", "parse", str(tree), "-f", "jsonl"],
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0
    assert len(done.stdout.decode().splitlines()) == 3 and "3 parsed" in done.stderr.decode()


@pytest.mark.slow
def test_dask_bag_on_a_local_cluster():
    """The README's Dask example, on a local cluster of two worker processes."""
    from dask import bag
    from dask.distributed import Client, LocalCluster

    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        numbers = bag.from_sequence(paths, npartitions=2).map(kehoach.parse).map(
            lambda plan: plan.header.number).compute()
    assert numbers == [kehoach.parse(p).header.number for p in paths]
