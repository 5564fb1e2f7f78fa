"""The cache kept between runs (kehoach.cache): what a run compiles, the next one loads; a damaged, foreign or
unwritable cache never changes an answer."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from kehoach import cache
from tests.conftest import SAMPLES

# a pattern only `regex` reads (\p{Lu}), one the standard engine reads
UPPER = r"(?<![\p{L}])\p{Lu}{2,}(?:[ \t]+\p{Lu}{2,})*"
NUMBER = r"(\d+)/(\d{4})"


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """A cache folder of its own, and the module as a fresh process finds it."""
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path))
    cache.forget()
    yield tmp_path
    cache.forget()


def _fresh_process(_monkeypatch=None) -> None:
    cache.forget()


def test_a_pattern_compiled_once_is_loaded_by_the_next_run(cache_folder, monkeypatch):
    first = cache.compile_regex(UPPER)
    assert cache.compile_either(NUMBER).pattern == NUMBER
    assert cache.save()
    assert not cache.save()  # nothing new since
    _fresh_process(monkeypatch)
    loaded = cache.read_file(cache.cache_file())
    assert isinstance(loaded[(UPPER, 0)], regex.Pattern)
    assert loaded[(NUMBER, 0)][0] == "re"  # the standard engine's pattern, with what it compiles to
    again = cache.compile_regex(UPPER)
    text = "Kế hoạch của UBND TỈNH HÀ NAM số 12/2024"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in first.finditer(text)] == [(13, 29)]
    assert cache.compile_either(NUMBER).findall(text) == [("12", "2024")]
    assert not cache.save()  # loaded, not compiled: nothing to write


def test_an_engine_choice_survives_the_cache(cache_folder, monkeypatch):
    cache.compile_either(UPPER)
    cache.save()
    _fresh_process(monkeypatch)
    assert isinstance(cache.compile_either(UPPER), regex.Pattern)  # not tried with `re` again


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a", "list"])[:-3], pickle.dumps([1, 2])])
def test_a_damaged_cache_is_ignored(cache_folder, monkeypatch, content):
    cache.cache_file().write_bytes(content)
    assert cache.compile_regex(UPPER).search("ab CD").group() == "CD"
    assert cache.save()  # written again, whole
    _fresh_process(monkeypatch)
    assert (UPPER, 0) in cache.read_file(cache.cache_file())


def test_a_cache_that_would_run_code_is_refused(cache_folder, tmp_path):
    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    cache.cache_file().write_bytes(pickle.dumps({("x", 0): Payload()}))
    assert cache.read_file(cache.cache_file()) == {}
    assert cache.compile_regex("x").match("x")
    assert not (tmp_path / "ran").exists()


def test_an_unwritable_cache_leaves_the_run_as_it_was(cache_folder):
    cache_folder.chmod(0o500)
    try:
        if os.access(cache_folder, os.W_OK):
            pytest.skip("this user writes anywhere (root)")
        assert cache.compile_regex(UPPER).search("ab CD")
        assert not cache.save()
        assert list(cache_folder.iterdir()) == []
    finally:
        cache_folder.chmod(0o700)


def test_a_file_in_the_way_of_the_folder_leaves_the_run_as_it_was(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(blocker / "kehoach"))
    _fresh_process(monkeypatch)
    assert cache.compile_regex(UPPER).search("ab CD")
    assert not cache.save()


def test_an_empty_setting_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    assert cache.cache_file() is None


def test_the_cache_file_names_the_versions_that_wrote_it(cache_folder):
    name = cache.cache_file().name
    assert f"cpython{'.'.join(map(str, sys.version_info[:3]))}" in name and regex.__version__ in name


def test_the_command_line_fills_the_cache_and_answers_alike_from_it(tmp_path):
    env = {**os.environ, "KEHOACH_CACHE_DIR": str(tmp_path / "cache")}
    plan = str(SAMPLES / "000_3c7e1ad7be525b1e.txt")
    command = [sys.executable, "-m", "kehoach", "parse", plan]
    first = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1 and len(cache.read_file(files[0])) > 50  # a file the next run can read
    second = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    assert first == second
    without = subprocess.run(command, capture_output=True, env={**env, "KEHOACH_CACHE_DIR": ""}, check=True).stdout
    assert without == first


def test_runs_started_together_leave_one_whole_cache(tmp_path):
    env = {**os.environ, "KEHOACH_CACHE_DIR": str(tmp_path / "cache")}
    plans = sorted(str(path) for path in SAMPLES.glob("*.txt"))
    runs = [subprocess.Popen([sys.executable, "-m", "kehoach", "parse", plan], stdout=subprocess.DEVNULL, env=env)
            for plan in plans]
    assert [run.wait() for run in runs] == [0] * len(runs)
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1 and not files[0].name.endswith(".tmp")
    assert len(cache.read_file(files[0])) > 50


def test_a_grammar_loaded_once_is_taken_from_the_cache_by_the_next_run(cache_folder, monkeypatch):
    import importlib

    load = importlib.import_module("kehoach.grammar.load")
    first = load.load.__wrapped__("doctypes")
    assert cache.save()
    _fresh_process(monkeypatch)
    import yaml

    def no_yaml(*_args, **_kwargs):
        raise AssertionError("a cached grammar is not read from its YAML again")

    monkeypatch.setattr(yaml, "load", no_yaml)
    again = load.load.__wrapped__("doctypes")
    assert again == first and again is not first
    assert [entry.where for entry, _ in load.entries(again, "doctypes.yaml")][:3] == \
        [entry.where for entry, _ in load.entries(first, "doctypes.yaml")][:3]


def test_a_grammar_edited_since_is_loaded_again(cache_folder):
    import importlib

    load = importlib.import_module("kehoach.grammar.load")
    cache.keep_grammar("doctypes", "digest-of-the-old-text", load.load.__wrapped__("doctypes"))
    assert cache.grammar("doctypes", "digest-of-the-old-text") is not None
    assert cache.grammar("doctypes", "digest-of-the-new-text") is None


def test_a_cached_grammar_that_would_run_code_is_refused(cache_folder, tmp_path):
    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    cache.keep_grammar("doctypes", "d", Payload())
    assert cache.grammar("doctypes", "d") is None
    assert not (tmp_path / "ran").exists()


def test_version_is_answered_without_building_the_command_line():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "kehoach", "--version"], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().startswith("kehoach ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "typer" not in imported and "pydantic" not in imported


def test_every_grammar_pattern_from_the_cache_is_the_one_its_engine_compiles(cache_folder):
    """The trick's plain twin: a pattern rebuilt from the cache equals `re.compile`'s (same text,
    flags and program), or `regex`'s pattern of the same text and flags."""
    import re

    from kehoach import grammar

    patterns = [entry.rx.pattern for name in grammar.FILES
                for entry, _ in grammar.entries(grammar.load(name), f"{name}.yaml")]
    first = [cache.compile_either(pattern) for pattern in patterns]
    assert cache.save()
    _fresh_process()
    again = [cache.compile_either(pattern) for pattern in patterns]
    standard = 0
    for pattern, before, after in zip(patterns, first, again, strict=True):
        if isinstance(after, re.Pattern):
            standard += 1
            assert after == re.compile(pattern) == before
        else:
            assert after.pattern == before.pattern and after.flags == before.flags
    assert standard > 50
    assert not cache.save()  # everything came from the file


@pytest.mark.slow
def test_every_module_imports_on_its_own():
    """The cache is imported by nearly every module: none may close a circle of imports, whichever
    module a program imports first."""
    import kehoach

    root = Path(kehoach.__file__).parent
    modules = sorted("kehoach." + ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
                     for path in root.rglob("*.py") if path.name != "__main__.py")
    failed = [module for module in modules
              if subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode != 0]
    assert failed == []
