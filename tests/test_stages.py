"""Each stage on the fixture files a domain reader can edit (tests/fixtures/stages/STAGE/*.txt).

A fixture file is one case: comment lines ("# ...") that say what it shows, the input lines of a
plan, a line holding only ".", then what the stage must hand on, one line per item:

- tokens: `text  →  tokens` for each input line (classify, on the lines as read);
- zones: `zone: text` for each paragraph (`header.part: text` for a header line), then the
  diagnostics the stages reported (`! code`);
- outline: the sections as an indented tree, `id [role] title`, with their items (`- text`, the
  marker as printed) and paragraphs (`¶ text`) under them; the input is read as a plan's body.

To write the expected part after changing a stage on purpose, run the tests with
KEHOACH_UPDATE_FIXTURES=1 and read the difference before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kehoach import normalize, pipeline, readers
from kehoach.classify import Line, classify
from kehoach.diagnostics import Diagnostics
from kehoach.outline import Item, Node, Outline, build_outline
from kehoach.output.stages import header_parts, line_tokens
from kehoach.paragraphs import reflow
from tests.conftest import FIXTURES

STAGES = FIXTURES / "stages"
UPDATE = os.environ.get("KEHOACH_UPDATE_FIXTURES") == "1"


def _case(path: Path) -> tuple[list[str], str, list[str]]:
    """(comment lines, input text, expected lines) of a fixture file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    cut = lines.index(".")
    expected = [line for line in lines[cut + 1:] if line]
    return comments, "\n".join(lines[:cut]) + "\n", expected


def _blocks(text: str):
    diagnostics = Diagnostics()
    raw, _ = readers.read(text.encode("utf-8"), diagnostics, name="case.txt")
    return normalize.normalize(raw), diagnostics


def _tokens(line: Line) -> str:
    """The tokens `--stage tokens` prints, written short: `label=scheme:label`, `type=...`, flags bare."""
    words = []
    for token, value in line_tokens(line).items():
        if token == "label":
            words.append(f"label={value['scheme']}:{value['label']}")
        elif value is True:
            words.append(token)
        else:
            words.append(f"{'type' if token == 'doc_type' else token}={value}")
    return " ".join(words) or "-"


def render_tokens(text: str) -> list[str]:
    blocks, _ = _blocks(text)
    return [f"{line.text}  →  {_tokens(line)}" for line in classify(blocks)]


def render_zones(text: str) -> list[str]:
    stages = pipeline.run_until(pipeline.read(text.encode("utf-8"), name="case.txt"), "zones")
    assert stages.zones is not None and stages.tokens is not None
    zones = stages.zones
    parts = header_parts(zones, stages.tokens)
    out = [f"header{'.' + parts[id(block)] if id(block) in parts else ''}: {block.text}"
           for block in zones.header.blocks]
    for zone, lines in (("preamble", zones.preamble), ("body", zones.body), ("footer", zones.footer)):
        out += [f"{zone}: {line.text}" for line in lines]
    return out + [f"! {item.code}" for item in stages.diagnostics.items]


def _node(node: Node, indent: str) -> list[str]:
    role = f"[{node.role.value}] " if node.role else ""
    out = [f"{indent}{node.id} {role}{node.title}"]
    for part in node.content:
        out.append(f"{indent}  {part.marker} {part.text}" if isinstance(part, Item) else f"{indent}  ¶ {part.text}")
    for child in node.children:
        out += _node(child, indent + "  ")
    return out


def render_outline(text: str) -> list[str]:
    blocks, diagnostics = _blocks(text)
    outline: Outline = build_outline(reflow(classify(blocks)), diagnostics)
    out = [f"{part.marker} {part.text}" if isinstance(part, Item) else f"¶ {part.text}" for part in outline.loose]
    for root in outline.roots:
        out += _node(root, "")
    return out + [f"! {item.code}" for item in diagnostics.items]


RENDER = {"tokens": render_tokens, "zones": render_zones, "outline": render_outline}
CASES = [(stage, path) for stage in RENDER for path in sorted((STAGES / stage).glob("*.txt"))]


@pytest.mark.parametrize(("stage", "path"), CASES, ids=[f"{stage}/{path.stem}" for stage, path in CASES])
def test_stage_fixture(stage, path):
    comments, text, expected = _case(path)
    assert comments, f"{path.name}: say in a comment what the case shows"
    got = RENDER[stage](text)
    if UPDATE:
        path.write_text("\n".join([*comments, text.rstrip("\n"), ".", *got]) + "\n", encoding="utf-8")
        return
    assert got == expected


def test_every_stage_has_cases_and_updating_is_off_in_ci():
    assert all(any(s == stage for s, _ in CASES) for stage in RENDER)
    assert not (UPDATE and os.environ.get("CI")), "KEHOACH_UPDATE_FIXTURES rewrites the expected parts: not in CI"


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="no stage 'tokenz'"):
        pipeline.run_until(pipeline.read(b"KE HOACH\nI. MUC TIEU"), "tokenz")


def test_the_command_line_offers_every_stage_the_pipeline_names():
    from kehoach.cli.parse import Stage

    assert [stage.value for stage in Stage] == list(pipeline.STAGE_NAMES)
