"""DOCX: the body in document order, tables and text boxes included, numbering resolved.

Word keeps automatic numbering out of the text: each numbered paragraph's label is computed from
numbering.xml as Word renders it (`docx_numbering`); a paragraph's style (`docx_styles`) gives it
a heading level, numbering, alignment, font and emphasis. The issuer/motto header and the signature
block are borderless tables: their cells become Blocks with their row and column. Runs in legacy
fonts (.VnTime, VNI-Times) are converted to Unicode run by run. The paragraph's index in the
document is the source location.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import partial

from lxml import etree

from kehoach.blocks import Block, Style
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.limits import DEFAULT, megabytes
from kehoach.normalize.encodings import decode as decode_legacy
from kehoach.normalize.encodings import font_encoding
from kehoach.readers.attributes import whole_number
from kehoach.readers.docx.numbering import NS, NumberingResolver, W
from kehoach.readers.docx.package import R, embedded_blocks, embedded_parts, to_transitional
from kehoach.readers.docx.part_bytes import PARSER
from kehoach.readers.docx.styles import Stylesheet, paragraph_properties, run_properties, stylesheet

PASSWORD_PROTECTED = "the Word file is password-protected: remove the password and try again"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}" if prefix == "w" else f"{{{_MC}}}{name}"


# qualified tag names, built once: the walk compares them on every element
_P, _TBL, _TR, _TC, _R, _T, _TAB = _q("w:p"), _q("w:tbl"), _q("w:tr"), _q("w:tc"), _q("w:r"), _q("w:t"), _q("w:tab")
_BREAKS = (_q("w:br"), _q("w:cr"))
_NO_BREAK_HYPHEN, _TXBX, _FALLBACK = _q("w:noBreakHyphen"), _q("w:txbxContent"), _q("mc:Fallback")
_SDT, _CONTAINERS = _q("w:sdt"), (_q("w:sdt"), _q("w:customXml"), _q("w:smartTag"))
_SKIPPED_PARENTS = (_q("w:del"), _q("w:moveFrom"), _TXBX, _FALLBACK)
_RPR, _PPR, _ALT_CHUNK = _q("w:rPr"), _q("w:pPr"), _q("w:altChunk")


@dataclass(frozen=True)
class _Resolved:
    """What a paragraph style gives its paragraphs, through its basedOn chain and the defaults."""

    num_id: str | None
    ilvl: int
    heading: int | None
    centered: bool
    font: str | None
    bold: bool
    italic: bool


@dataclass
class _State:
    styles: Stylesheet
    numbering: NumberingResolver
    diagnostics: Diagnostics
    blocks: list[Block] = field(default_factory=list)
    resolved: dict[str | None, _Resolved] = field(default_factory=dict)
    inherited: dict[str, tuple] = field(default_factory=dict)  # by style id, see _inherited
    shared_styles: dict[tuple, Style] = field(default_factory=dict)
    paragraph: int = 0
    row: int = 0
    legacy_runs: int = 0
    depth: int = 0  # containers being walked, one inside another
    embedded: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # altChunk files by relationship id
    nested: bool = False  # this file is itself embedded in another


def _read_part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    """A part's bytes, refused when its declared size, or what it actually expands to, passes `limit`
    (a zip bomb: kilobytes that unzip to gigabytes)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    advice = "refused as a possible zip bomb (raise the limit with --max-unzipped)"
    if info.file_size > limit:
        raise InputError(f"{name} would expand to {megabytes(info.file_size)}, more than {megabytes(limit)}: {advice}")
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name} expands past {megabytes(limit)}: {advice}")
    return data


def _xml(data: bytes, name: str):
    try:
        return etree.fromstring(data, parser=PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise InputError(f"{name} nests its elements deeper than an XML parser follows (thousands of levels): "
                             "not a document a word processor writes") from exc
        raise InputError(f"broken Word file: {name} is not valid XML ({exc})") from exc


def _attr(element, path: str, name: str = "val") -> str | None:
    found = element.find(path, NS) if path else element
    return None if found is None else found.get(f"{{{W}}}{name}")


_NO_PROPERTIES = (None, None, None, None, None)


_INHERITED = ("num_id", "ilvl", "heading", "centered", "font", "bold", "italic")
_UNSET = (None,) * len(_INHERITED)


def _inherited(state: _State, style_id: str | None) -> tuple:
    """A style's values (`_INHERITED`), each one it leaves unset taken from the style it is based
    on. Every style of a chain is worked out once and kept, so a chain costs its length once, not
    once per style and value (a file of 100,000 chained styles is read in linear time); a chain
    that loops ends where it meets itself."""
    memo = state.inherited
    chain = []
    seen: set[str] = set()
    current = style_id
    while current is not None and current not in memo and current not in seen:
        info = state.styles.get(current)
        if info is None:
            break
        seen.add(current)
        chain.append((current, info))
        current = info.based_on
    values = memo.get(current, _UNSET) if current is not None else _UNSET
    for name, info in reversed(chain):
        values = tuple(own if own is not None else base
                       for own, base in zip((getattr(info, a) for a in _INHERITED), values, strict=True))
        memo[name] = values
    return memo.get(style_id, _UNSET) if style_id is not None else _UNSET


def _resolved(state: _State, style_id: str | None) -> _Resolved:
    """A paragraph style's values, worked out once: thousands of paragraphs share a few styles."""
    found = state.resolved.get(style_id)
    if found is None:
        styles = state.styles
        asked = style_id
        if styles.get(style_id) is None:  # no style named, or one the file lacks: Word uses its default
            style_id = styles.default_style
        num_id, ilvl, heading, centered, font, bold, italic = _inherited(state, style_id)
        found = state.resolved[asked] = _Resolved(
            num_id=num_id, ilvl=ilvl or 0, heading=heading, centered=bool(centered),
            font=font or styles.default_font, bold=bool(bold), italic=bool(italic))
    return found


def _shared_style(state: _State, bold: bool, italic: bool, centered: bool, heading: int | None) -> Style:
    """One Style object for each combination: a Block's style is never changed, only replaced."""
    key = (bold, italic, centered, heading)
    style = state.shared_styles.get(key)
    if style is None:
        style = state.shared_styles[key] = Style(bold=bold, italic=italic, centered=centered, heading_level=heading)
    return style


def read_docx(data: bytes, diagnostics: Diagnostics, max_part: int = DEFAULT.max_unzipped,
              nested: bool = False) -> list[Block]:
    """The body's paragraphs; `nested` for a Word file embedded in another (read one level deep)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, UnicodeDecodeError, ValueError, EOFError, OSError) as exc:
        # a damaged directory can hold a file name that is not the UTF-8 its flag promises
        raise InputError("not a valid Word file (the zip container is broken or truncated)") from exc
    with archive:
        names = set(archive.namelist())
        if "EncryptedPackage" in names or "EncryptionInfo" in names:
            raise InputError(PASSWORD_PROTECTED)
        main = "word/document.xml"
        if main not in names:
            raise InputError("a zip file, but not a Word document (no word/document.xml)")
        try:
            document_xml, strict = to_transitional(_read_part(archive, main, max_part))
            styles_xml, _ = to_transitional(_read_part(archive, "word/styles.xml", max_part))
            numbering_xml, _ = to_transitional(_read_part(archive, "word/numbering.xml", max_part))
            embedded = (embedded_parts(archive, names, partial(_read_part, limit=max_part))
                        if document_xml and b"altChunk" in document_xml else {})
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile, zlib.error, NotImplementedError,
                RuntimeError) as exc:  # the last two: a compression method zipfile lacks, an encrypted entry
            raise InputError(f"the Word file is damaged or truncated ({exc})") from exc
    document = _xml(document_xml or b"", main)
    if strict:
        diagnostics.warn("strict_ooxml", "the Word file is in Strict Open XML: read as the usual form")
    styles = stylesheet(styles_xml)
    state = _State(styles, NumberingResolver(numbering_xml, partial(_style_numbering, styles)), diagnostics,
                   embedded=embedded, nested=nested)
    body = document.find("w:body", NS)
    if body is None:
        raise InputError("the Word document has no body")
    _walk(body, state, cell=None)
    if state.numbering.damaged:
        diagnostics.warn("numbering_damaged", f"numbering.xml is damaged ({state.numbering.damaged}): some numbered "
                         "paragraphs are read without their labels")
    if styles.damaged:
        diagnostics.warn("styles_damaged", f"styles.xml is damaged ({styles.damaged}): some paragraphs are read "
                         "without their style (heading level, numbering, font)")
    if state.legacy_runs:
        diagnostics.warn("legacy_encoding", f"{state.legacy_runs} run(s) in TCVN3 or VNI fonts converted to Unicode")
    return state.blocks


MAX_NESTING = 100  # tables in tables, text boxes, content controls: real files nest a few


def _walk(container, state: _State, cell: tuple[int, int] | None) -> None:
    state.depth += 1
    if state.depth > MAX_NESTING:
        raise InputError(f"the Word file nests tables, text boxes or content controls more than {MAX_NESTING} deep")
    try:
        _walk_children(container, state, cell)
    finally:
        state.depth -= 1


def _walk_children(container, state: _State, cell: tuple[int, int] | None) -> None:
    for child in container:
        tag = child.tag
        if tag == _P:
            _paragraph(child, state, cell)
        elif tag == _TBL:
            _table(child, state)
        elif tag in _CONTAINERS:
            content = child.find("w:sdtContent", NS) if tag == _SDT else child
            if content is not None:
                _walk(content, state, cell)
        elif tag == _ALT_CHUNK:
            _alt_chunk(child, state, cell)


def _alt_chunk(pointer, state: _State, cell: tuple[int, int] | None) -> None:
    """An embedded file's paragraphs, where its pointer stands, each at the pointer's paragraph."""
    found = state.embedded.get(pointer.get(f"{{{R}}}id", ""))
    if found is None:
        return
    name, data = found
    blocks = embedded_blocks(name, data, state.diagnostics, state.nested)
    if blocks is None:
        state.diagnostics.warn("embedded_part_skipped", f"{name}: an embedded file of a kind not read here")
        return
    state.paragraph += 1
    for block in blocks:
        state.blocks.append(Block(text=block.text, paragraph=state.paragraph, style=block.style,
                                  cell=cell or block.cell, blank_before=block.blank_before, label=block.label))
    state.diagnostics.warn("embedded_part_read", f"{name}: {len(blocks)} paragraph(s) of an embedded file read")


def _table(table, state: _State) -> None:
    for row in table.iterchildren(_TR):
        state.row += 1
        row_id = state.row
        column = 0
        for item in row:
            cells = [item] if item.tag == _TC else item.findall(".//w:tc", NS)
            for tc in cells:
                _walk(tc, state, cell=(row_id, column))
                span = _attr(tc, "w:tcPr/w:gridSpan")
                column += whole_number(span) or 1


def _paragraph(p, state: _State, cell: tuple[int, int] | None) -> None:
    properties, styled, pieces, bold, italic, boxes = _contents(p, state)
    _, num_id, ilvl_text, jc, outline = properties
    # the paragraphs of its text boxes come first, numbered (and their lists counted) before it
    for box in boxes:
        _walk(box, state, cell)
    state.paragraph += 1
    if num_id is None:
        num_id = styled.num_id
    ilvl = whole_number(ilvl_text)
    ilvl = styled.ilvl if ilvl is None else ilvl
    whole = "".join(pieces)
    label = state.numbering.label(num_id, ilvl) if num_id and whole.strip() else None
    level = whole_number(outline)
    heading = styled.heading if level is None else level + 1
    style = _shared_style(state, bold, italic, jc == "center" if jc else styled.centered, heading)
    lines = whole.split("\n")
    first = True
    for line in lines:
        text = line.strip()  # as written: the normalize stage cleans it
        if not text:
            continue
        state.blocks.append(Block(text=text, paragraph=state.paragraph, label=label if first else None,
                                  style=style, cell=cell))
        first = False


def _anchored(box, p) -> bool:
    """A text box of the paragraph itself: not inside another box of it, nor a mc:Fallback (the
    second rendering of a mc:AlternateContent, whose first is read)."""
    ancestor = box.getparent()
    while ancestor is not None and ancestor is not p:
        if ancestor.tag == _FALLBACK or ancestor.tag == _TXBX:
            return False
        ancestor = ancestor.getparent()
    return True


def _contents(p, state: _State, ppr=None) -> tuple[tuple, _Resolved, list[str], bool, bool, list]:
    """The paragraph's properties (`paragraph_properties` of its first w:pPr) and its style, its text
    (line breaks as "\\n", tabs kept), whether all of it is bold / italic, and its text boxes.

    All are found in one pass over the paragraph. The w:pPr comes before the runs, as the schema
    orders it; a look-up of its own was a large part of the reading on a file whose paragraphs have none.
    A writer that put it after a run (out of order) has the pass start again, with `ppr` given."""
    properties = _NO_PROPERTIES if ppr is None else paragraph_properties(ppr)
    styled = _resolved(state, properties[0])
    style_font, style_bold, style_italic = styled.font, styled.bold, styled.italic
    pieces: list[str] = []
    boxes = []
    all_bold = all_italic = True
    seen_text = False
    legacy_runs = 0  # counted when the pass is over: a pass started again counts its runs once
    for run in p.iter(_PPR, _R, _TXBX):
        tag = run.tag
        if tag == _PPR:
            if ppr is None and run.getparent() is p:  # not a text box's paragraph's
                if pieces:
                    return _contents(p, state, run)
                ppr = run
                properties = paragraph_properties(run)
                styled = _resolved(state, properties[0])
                style_font, style_bold, style_italic = styled.font, styled.bold, styled.italic
            continue
        if tag == _TXBX:
            if _anchored(run, p):
                boxes.append(run)
            continue
        if run.getparent() is not p and _skipped(run, p):
            continue
        # the run's properties are found in the pass over its children that reads its text
        rpr = None
        text = []
        for node in run:
            tag = node.tag
            if tag == _T:
                text.append(node.text or "")
            elif tag == _RPR:
                if rpr is None:
                    rpr = node
            elif tag == _TAB:
                text.append("\t")
            elif tag in _BREAKS:
                text.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                text.append("-")
        font, bold, italic = style_font, style_bold, style_italic
        if rpr is not None:
            run_font, run_bold, run_italic = run_properties(rpr)
            font = run_font or style_font
            bold = style_bold if run_bold is None else run_bold
            italic = style_italic if run_italic is None else run_italic
        run_text = "".join(text)
        encoding = font_encoding(font)
        if encoding and run_text.strip():
            run_text = decode_legacy(run_text, encoding)
            legacy_runs += 1
        if run_text.strip():
            seen_text = True
            all_bold &= bool(bold)
            all_italic &= bool(italic)
        pieces.append(run_text)
    state.legacy_runs += legacy_runs
    return properties, styled, pieces, seen_text and all_bold, seen_text and all_italic, boxes


def _skipped(run, p) -> bool:
    """Runs of deleted text, of text boxes (read on their own) and of fallback renderings."""
    ancestor = run.getparent()
    while ancestor is not None and ancestor is not p:
        if ancestor.tag in _SKIPPED_PARENTS:
            return True
        ancestor = ancestor.getparent()
    return False


def _style_numbering(styles: Stylesheet, style_id: str) -> tuple[str, int] | None:
    """The list a numbering style stands for (numStyleLink), as (numId, ilvl)."""
    info = styles.get(style_id)
    return (info.num_id, info.ilvl or 0) if info is not None and info.num_id else None
