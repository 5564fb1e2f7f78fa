"""normalize: the readers' text made clean and comparable, as a stage of its own.

`normalize` is the stage: each Block's text through `text.clean` (NFC, one dash, one kind of space,
no invisible or control characters, white space collapsed, column gaps kept as a tab); a Block left
with no text is dropped, its numbering label passed to the next Block of its paragraph. `text`
also holds `fold` and `key` (for matching only); `encodings` reads TCVN3 and VNI into Unicode,
where the evidence is: the Word reader by a run's font, the text decoder by the bytes.

Guarantees: the Blocks keep their order and sources; tone marks and case stay as written.
"""

from __future__ import annotations

from kehoach.blocks import Block
from kehoach.normalize.text import clean


def normalize(blocks: list[Block]) -> list[Block]:
    """The stage: every Block's text cleaned; Blocks left empty dropped."""
    out: list[Block] = []
    label: tuple[int | None, str] | None = None  # (paragraph, label) of a dropped block, for the next of its paragraph
    for block in blocks:
        text = clean(block.text, keep_columns=True)
        if not text:
            if block.label:
                label = (block.paragraph, block.label)
            continue
        if label is not None and block.label is None and block.paragraph == label[0] and block.paragraph is not None:
            block = block.with_label(label[1])
        label = None
        out.append(block if text == block.text else block.with_text(text))
    return out
