"""The Word family: a .docx package (`package`), its styles and numbering read at byte level
(`styles`, `numbering`, `numbering_definitions`, `part_bytes`, `attributes`), and the body walk
(`document`) that makes the Blocks."""

from kehoach.readers.docx.document import PASSWORD_PROTECTED, read_docx

__all__ = ["PASSWORD_PROTECTED", "read_docx"]
