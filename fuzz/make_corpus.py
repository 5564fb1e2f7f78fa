#!/usr/bin/env python3
"""Seed corpus for fuzz/fuzz_parse.py: each sample plan once per target it fits (first byte = target)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fuzz_inputs import TARGETS  # noqa: E402

out = ROOT / "fuzz" / "corpus"
out.mkdir(exist_ok=True)
for sample in sorted((ROOT / "samples").glob("00[0-2]*")):
    data = sample.read_bytes()
    if sample.suffix == ".txt":
        seeds = {"text": data[:6000], "bytes": data[:6000]}
    elif sample.suffix == ".docx":
        with zipfile.ZipFile(sample) as archive:
            body = archive.read("word/document.xml")
        start, end = body.find(b"<w:body>") + len(b"<w:body>"), body.rfind(b"</w:body>")
        seeds = {"docx_xml": body[start:end][:20000], "bytes": data}
    elif sample.suffix == ".pdf" and not sample.name.endswith(".scan.pdf"):
        seeds = {"pdf": data[len(b"%PDF-1.4\n"):]}
    else:
        continue
    for target, payload in seeds.items():
        (out / f"{sample.stem}.{target}").write_bytes(bytes([TARGETS.index(target)]) + payload)
print(f"{len(list(out.iterdir()))} seeds in {out}")
