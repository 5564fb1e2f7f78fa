"""The HTML report renders in a real headless browser (Chromium from Debian): the tables are there,
with their status colours, in a screenshot."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image

from kehoach import parse_text
from kehoach.plandiff import diff
from kehoach.plandiff.page import page
from kehoach.plandiff.render import HTML_COLOURS
from tests.conftest import FIXTURES, SAMPLES

pytestmark = pytest.mark.slow
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed (scripts/system-packages.sh installs it)")
def test_html_report_renders_with_its_tables(tmp_path):
    result = diff(parse_text((SAMPLES / "000_3c7e1ad7be525b1e.txt").read_text(encoding="utf-8")),
                  parse_text((FIXTURES / "diff" / "child-000.txt").read_text(encoding="utf-8")))
    report = tmp_path / "report.html"
    report.write_text(page(result), encoding="utf-8")
    profile = tmp_path / "profile"
    dom = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", report.as_uri()],
                         capture_output=True, timeout=120, check=False)
    assert dom.returncode == 0, dom.stderr.decode()[-500:]
    rendered = dom.stdout.decode("utf-8")
    for part in ("targets", "tasks", "assignments"):
        assert f'<table id="{part}">' in rendered
    assert rendered.count('<tr class="missing">') == 3
    shot = tmp_path / "shot.png"
    done = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                           "--window-size=1200,2400", report.as_uri()], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0 and shot.exists(), done.stderr.decode()[-500:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 2400)
    colours = {pixel for _, pixel in image.getcolors(maxcolors=1 << 20)}
    for status in ("green", "red"):  # kept rows and missing or weakened rows are painted
        assert _hex(HTML_COLOURS[status]) in colours, status
    dark = sum(count for count, pixel in image.getcolors(maxcolors=1 << 20) if sum(pixel) < 200)
    assert dark > 5000  # text and table borders were drawn
