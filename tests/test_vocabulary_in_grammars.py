"""Vocabulary lives in grammars/: no Vietnamese word or phrase is a string literal in src/.

A literal counts when it holds a Vietnamese letter (a vowel with a tone or hat mark, "đ", "ơ",
"ư"). Docstrings are documentation and messages are what users read, so neither counts: a string
given to a diagnostic, an error, a field's description or a command's help. What is left must be
in the allow-list below, each entry with the reason it is not vocabulary.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "kehoach"
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)

# calls whose string arguments are messages or documentation
MESSAGE_CALLS = {"warn", "info", "error", "InputError", "OutputError", "KehoachError", "GrammarError",
                 "ValueError", "TypeError", "Field", "Option", "Argument", "Typer", "fail", "echo", "print"}

ALLOWED = {
    # file: why its literals are not vocabulary
    "models.py": "the output contract: field descriptions, and 'Kế hoạch', the doc_type a plan is given "
                 "when its type line names none (the contract's documented default)",
    "diagnostics.py": "the catalogue of diagnostic codes: each description quotes the words it is about",
    "normalize/encodings.py": "the letters TCVN3 and VNI are read into, as character classes: the tables "
                              "themselves are in grammars/encodings.yaml",
    "normalize/text.py": "'đ', the one Vietnamese letter Unicode does not decompose, folded to 'd'",
    "readers/__init__.py": "the vowels a Windows-1258 tone mark follows, to tell cp1258 text from others",
    "plandiff/page.py": "the report's words for officials, Vietnamese beside English (messages, not matched)",
    "plandiff/render.py": "the report's words for officials, Vietnamese beside English (messages, not matched)",
    "plandiff/verdicts.py": "how the report writes a figure ('ít nhất 70%', 'năm 2025'): messages",
    "plandiff/__init__.py": "how the report writes a due date ('ngày 15'): a message",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _messages(tree: ast.AST) -> set[int]:
    """The string constants given to a message call, f-strings included."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in MESSAGE_CALLS:
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                found.update(id(inner) for inner in ast.walk(argument) if isinstance(inner, ast.Constant))
    return found


def vietnamese_literals() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exempt = _docstrings(tree) | _messages(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt \
                    and VIETNAMESE.search(node.value):
                out.append((path.relative_to(SRC).as_posix(), node.lineno, node.value))
    return out


def test_no_vietnamese_literal_outside_the_allow_list():
    stray = [f"{path}:{line}: {text[:60]!r}" for path, line, text in vietnamese_literals() if path not in ALLOWED]
    assert not stray, "vocabulary belongs in grammars/ (or the allow-list, with its reason):\n" + "\n".join(stray)


def test_every_allowed_file_still_needs_its_entry():
    """An entry whose file no longer holds such a literal is dropped, so the list stays short and true."""
    used = {path for path, _, _ in vietnamese_literals()}
    assert set(ALLOWED) <= used, f"no longer needed: {sorted(set(ALLOWED) - used)}"


def test_the_scan_finds_a_literal_and_passes_over_docstrings_and_messages(tmp_path):
    code = ('"""Kế hoạch."""\nWORDS = ["căn cứ"]\n\ndef f(d):\n    """Mục tiêu."""\n'
            '    d.warn("code", "thiếu số")\n    return "nhiệm vụ"\n')
    tree = ast.parse(code)
    exempt = _docstrings(tree) | _messages(tree)
    found = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in exempt and VIETNAMESE.search(node.value)]
    assert sorted(found) == ["căn cứ", "nhiệm vụ"]
