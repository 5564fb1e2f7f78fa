"""The grammars ship inside the wheel: build it, unpack it, and parse a plan from the unpacked copy
only (never the source tree)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from kehoach.grammar import FILES
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow

CHECK = """
import json, sys, kehoach, kehoach.grammars
from kehoach import grammar
for name in {names!r}:
    grammar.load(name)
plan = kehoach.parse(sys.argv[1])
print(json.dumps({{"module": kehoach.__file__, "grammars": kehoach.grammars.__file__,
                  "number": plan.header.number}}))
"""


def test_wheel_carries_the_grammars_and_parses(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr.decode()
    wheel = next((tmp_path / "dist").glob("kehoach-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in FILES:
        assert f"kehoach/grammars/{name}.yaml" in names
    assert "kehoach/py.typed" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = CHECK.format(names=list(FILES))
    done = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r});" + script,
                           str(SAMPLES / "001_507e8a831fee471a.txt")],
                          capture_output=True, timeout=120, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr.decode()
    found = json.loads(done.stdout)
    assert found["module"].startswith(str(site)) and found["grammars"].startswith(str(site))
    assert found["number"] == "81/KH-SLĐTBXH"
