"""Build small .docx files in tests: a body, numbering, styles, footers, as raw WordprocessingML."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


def run(text: str, font: str | None = None, bold: bool = False, italic: bool = False) -> str:
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, num: tuple[int, int] | None = None, style: str | None = None, center: bool = False) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if center:
        ppr += '<w:jc w:val="center"/>'
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{body}</w:p>"


def table(rows: list[list[list[str]]], borders: bool = False) -> str:
    """rows -> cells -> paragraphs (already built with `para`); `borders`: every cell ruled."""
    out = "<w:tbl>"
    if borders:
        edges = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        out += f"<w:tblPr><w:tblBorders>{edges}</w:tblBorders></w:tblPr>"
    for row in rows:
        out += "<w:tr>" + "".join(f"<w:tc>{''.join(cell)}</w:tc>" for cell in row) + "</w:tr>"
    return out + "</w:tbl>"


def text_box(*paragraphs: str) -> str:
    """A run holding a text box (the modern drawing form, with a legacy fallback that must be skipped)."""
    inner = "".join(paragraphs)
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{inner}'
            f'</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{inner}'
            f'</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{escape(text)}"/></w:lvl>')


def numbering(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, dict[int, int]]]) -> str:
    """abstracts: id -> levels; nums: numId -> (abstract id, {ilvl: startOverride})."""
    out = f"<w:numbering {W}>"
    for aid, levels in abstracts.items():
        out += f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'
    for num_id, (aid, overrides) in nums.items():
        out += f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>'
        for ilvl, start in overrides.items():
            out += f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        out += "</w:num>"
    return out + "</w:numbering>"


def styles(*extra: str) -> str:
    return (f"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr>"
            f"</w:rPrDefault></w:docDefaults>"
            '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr>'
            f"</w:style>{''.join(extra)}</w:styles>")


def docx(body: str, numbering_xml: str | None = None, styles_xml: str | None = None,
         footer: str | None = None, parts: dict[str, str] | None = None, relationships: list[str] = (),
         namespace: str | None = None) -> bytes:
    """A .docx; `parts` are more files of the package, `relationships` more entries of
    document.xml.rels, `namespace` another main namespace for document.xml (Strict Open XML)."""
    sect = ""
    rels = ['<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>', *relationships]
    types = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/>',
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.styles+xml"/>']
    if numbering_xml:
        rels.append('<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/numbering" Target="numbering.xml"/>')
        types.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.wordprocessingml.numbering+xml"/>')
    if footer:
        rels.append('<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/footer" Target="footer1.xml"/>')
        types.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.wordprocessingml.footer+xml"/>')
        sect = '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/></w:sectPr>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                         'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                         f'"application/xml"/>{"".join(types)}</Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
                         '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                         'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/'
                         'document.xml"/></Relationships>')
        archive.writestr("word/_rels/document.xml.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                         f'openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>')
        archive.writestr("word/document.xml",
                         f'<?xml version="1.0" encoding="UTF-8"?><w:document {_main(namespace)} {R} {MC} {WPS}>'
                         f"<w:body>{body}{sect}</w:body></w:document>")
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
        archive.writestr("word/styles.xml", styles_xml or styles())
        if numbering_xml:
            archive.writestr("word/numbering.xml", numbering_xml)
        if footer:
            archive.writestr("word/footer1.xml", f"<w:ftr {W}>{footer}</w:ftr>")
    return buffer.getvalue()


def _main(namespace: str | None) -> str:
    return f'xmlns:w="{namespace}"' if namespace else W
