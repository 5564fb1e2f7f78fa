#!/usr/bin/env python3
"""A probe, not part of kehoach: how long one XSLT pass (lxml, in C) takes to emit every paragraph's
text, style, numbering and run properties from a .docx's document.xml, against kehoach's reader.
The lead for a faster DOCX reader (issue 5); it does not yet do text boxes, tables' column spans
or legacy-font runs. A measurement, never a test.

    .venv/bin/python benchmarks/xslt_probe.py samples/003_c9a5a7f377ccb59b.docx benchmarks/.cache/plan-300.docx

Paragraphs are marked U+FDD0, fields U+FDD1, runs U+FDD2, table rows U+FDD3 (noncharacters: never
in a document's text).
"""

from __future__ import annotations

import sys
import timeit
import zipfile
from pathlib import Path

from lxml import etree

XSL = b'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="/">
<xsl:apply-templates select="w:document/w:body"/>
</xsl:template>
<xsl:template match="w:body|w:tc|w:sdt|w:sdtContent|w:customXml|w:smartTag">
<xsl:apply-templates select="*"/>
</xsl:template>
<xsl:template match="w:tbl">
<xsl:apply-templates select="w:tr"/>
</xsl:template>
<xsl:template match="w:tr"><xsl:text>&#xfdd3;R</xsl:text>
<xsl:apply-templates select="w:tc"/>
</xsl:template>
<xsl:template match="w:p"><xsl:text>&#xfdd0;</xsl:text>
<xsl:value-of select="w:pPr/w:pStyle/@w:val"/><xsl:text>&#xfdd1;</xsl:text>
<xsl:value-of select="w:pPr/w:numPr/w:numId/@w:val"/><xsl:text>&#xfdd1;</xsl:text>
<xsl:value-of select="w:pPr/w:numPr/w:ilvl/@w:val"/><xsl:text>&#xfdd1;</xsl:text>
<xsl:value-of select="w:pPr/w:jc/@w:val"/><xsl:text>&#xfdd1;</xsl:text>
<xsl:apply-templates select=".//w:r"/>
</xsl:template>
<xsl:template match="w:r"><xsl:text>&#xfdd2;</xsl:text>
<xsl:value-of select="w:rPr/w:rFonts/@w:ascii"/><xsl:text>&#xfdd1;</xsl:text>
<xsl:value-of select="w:rPr/w:b/@w:val"/>
<xsl:if test="w:rPr/w:b">b</xsl:if><xsl:text>&#xfdd1;</xsl:text>
<xsl:for-each select="w:t|w:tab|w:br">
<xsl:choose>
<xsl:when test="self::w:t">
<xsl:value-of select="."/></xsl:when>
<xsl:when test="self::w:tab">
<xsl:text>&#9;</xsl:text></xsl:when>
<xsl:otherwise>
<xsl:text>&#10;</xsl:text></xsl:otherwise></xsl:choose></xsl:for-each>
</xsl:template>
<xsl:template match="*"/>
</xsl:stylesheet>'''


def main() -> int:
    transform = etree.XSLT(etree.fromstring(XSL))
    from kehoach.diagnostics import Diagnostics
    from kehoach.readers.docx import read_docx

    for name in sys.argv[1:]:
        data = Path(name).read_bytes()
        document = etree.fromstring(zipfile.ZipFile(name).read("word/document.xml"))
        runs = 20
        xslt = timeit.timeit(lambda d=document: [p.split("\ufdd2") for p in str(transform(d)).split("\ufdd0")],
                             number=runs) / runs * 1000
        reader = timeit.timeit(lambda d=data: read_docx(d, Diagnostics(), max_part=1 << 30), number=runs) / runs * 1000
        print(f"{name}: XSLT pass and split {xslt:.2f} ms; kehoach's DOCX reader {reader:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
