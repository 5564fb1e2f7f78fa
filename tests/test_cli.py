"""The command line, through typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from typer.testing import CliRunner

from kehoach import __version__
from kehoach.cli import app
from tests.conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "000_3c7e1ad7be525b1e.txt"
runner = CliRunner()


def test_parse_prints_json_by_default():
    result = runner.invoke(app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["header"]["number"] == "11/KH-BTV"
    assert data["schema_version"] == "1"


def test_parse_yaml_keeps_vietnamese_readable():
    result = runner.invoke(app, ["parse", str(SAMPLE), "--format", "yaml"])
    assert result.exit_code == 0
    assert "Sóc Trăng" in result.stdout
    assert yaml.safe_load(result.stdout)["header"]["place"] == "Sóc Trăng"


def test_parse_jsonl_one_line_per_plan():
    result = runner.invoke(app, ["parse", str(SAMPLE), str(SAMPLES / "001_507e8a831fee471a.txt"), "-f", "jsonl"])
    lines = result.stdout.strip().split("\n")
    assert [json.loads(line)["header"]["number"] for line in lines] == ["11/KH-BTV", "81/KH-SLĐTBXH"]


def test_parse_writes_output_file(tmp_path):
    out = tmp_path / "sub" / "plan.json"
    result = runner.invoke(app, ["parse", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["header"]["issuer"] == "BAN THƯỜNG VỤ"
    assert [p.name for p in out.parent.iterdir()] == ["plan.json"]  # no temporary file left


def test_output_never_overwrites_an_input(tmp_path):
    copy = tmp_path / "plan.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = runner.invoke(app, ["parse", str(copy), "-o", str(copy)])
    assert result.exit_code == 3
    assert copy.read_bytes() == SAMPLE.read_bytes()
    assert "overwrite an input" in result.stderr


def test_standard_input():
    result = runner.invoke(app, ["parse", "-"], input=SAMPLE.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"] == "<stdin>"


def test_missing_file_is_one_line_and_status_1(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nope.txt: no such file" in result.stderr


def test_batch_goes_on_after_a_bad_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["parse", str(empty), str(SAMPLE)])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert [p["header"]["number"] for p in json.loads(result.stdout)] == ["11/KH-BTV"]


def test_unsupported_bytes_are_a_clear_error(tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage\xc3\x28")
    result = runner.invoke(app, ["parse", str(binary)])
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_schema_command_equals_the_committed_schema():
    result = runner.invoke(app, ["schema"])
    assert result.stdout == (ROOT / "docs" / "schema" / "plan.schema.json").read_text(encoding="utf-8")


def test_real_subprocess():
    done = subprocess.run([sys.executable, "-m", "kehoach", "parse", str(SAMPLE), "--format", "json"],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))["signature"]["signer"] == "Nguyễn Thị Diện"
    bad = subprocess.run([sys.executable, "-m", "kehoach", "parse", "/nonexistent/plan.txt"],
                         capture_output=True, timeout=120, check=False)
    assert bad.returncode == 1
    assert bad.stderr.decode().strip() == "kehoach: /nonexistent/plan.txt: no such file"


def _kehoach(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach", *args], capture_output=True, input=stdin, timeout=120)


STAGE_KEYS = {
    "read": {"text", "source"}, "blocks": {"text", "source"}, "layout": {"text", "source", "header_region"},
    "tokens": {"text", "source", "tokens"}, "zones": {"zone", "text", "source"},
}


def test_each_stage_prints_json_lines_with_source_locations():
    """`--stage` stops the pipeline there and prints what the stage hands on, one record a line, each
    naming the file and where in it the line stands."""
    for stage, keys in STAGE_KEYS.items():
        done = _kehoach("parse", str(SAMPLE), "--stage", stage)
        assert done.returncode == 0, done.stderr
        records = [json.loads(line) for line in done.stdout.decode().splitlines()]
        assert records and all(r["stage"] == stage and r["file"] == str(SAMPLE) for r in records)
        assert all(keys <= set(r) and r["source"].get("line") for r in records), stage
    printed = _kehoach("parse", str(SAMPLE), "--stage", "tokens").stdout.splitlines()
    tokens = [json.loads(line)["tokens"] for line in printed]
    assert {"scheme": "roman", "label": "I"} in [t.get("label") for t in tokens]
    zones = [json.loads(line) for line in _kehoach("parse", str(SAMPLE), "--stage", "zones").stdout.splitlines()]
    assert [z["zone"] for z in zones] == sorted((z["zone"] for z in zones), key=["header", "preamble", "body",
                                                                                "footer"].index)
    assert {"number", "place_date", "type", "title", "motto", "issuer"} <= {z.get("part") for z in zones}


def test_the_outline_stage_gives_sections_with_their_parents():
    done = _kehoach("parse", str(SAMPLE), "--stage", "outline")
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    sections = {r["id"]: r for r in records if r["kind"] == "section"}
    assert sections["I"]["parent"] is None and sections["I"]["role"] == "purpose"
    assert all(r["parent"] in sections for r in sections.values() if r["parent"])
    assert all(r["section"] in sections for r in records if r["kind"] != "section" and r["section"])


def test_stage_output_of_several_files_and_to_a_file(tmp_path):
    out = tmp_path / "tokens.jsonl"
    second = SAMPLES / "001_507e8a831fee471a.txt"
    done = _kehoach("parse", str(SAMPLE), str(second), "--stage", "tokens", "-o", str(out), "-q")
    assert done.returncode == 0 and not done.stdout
    files = [json.loads(line)["file"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert files[0] == str(SAMPLE) and files[-1] == str(second) and files == sorted(files)


def test_stage_refuses_other_formats():
    done = _kehoach("parse", str(SAMPLE), "--stage", "zones", "-f", "yaml")
    assert done.returncode == 2 and b"--stage prints JSON lines" in done.stderr


def test_json_lines_go_to_the_output_file(tmp_path):
    out = tmp_path / "plans.jsonl"
    done = _kehoach("parse", str(SAMPLE), str(SAMPLES / "001_507e8a831fee471a.txt"), "-f", "jsonl", "-o", str(out))
    assert done.returncode == 0 and not done.stdout
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
