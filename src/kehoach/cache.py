"""Compiled patterns and loaded grammars kept between runs, so that a short run does not spend most
of its time compiling.

Compiling the grammars' patterns costs a one-plan run more than parsing the plan does. `regex`
pickles a pattern together with its compiled program, and unpickling it hands that program straight
to the engine: no parsing, no compiling. The standard engine's patterns pickle as their source and
would compile again, so for them the cache keeps what CPython's `re` compiles a pattern to (the
arguments its compiler hands to `_sre.compile`), kept only when the pattern made from them equals
`re.compile`'s, and used only by the same Python version; elsewhere, or when that fails, the
pattern is compiled as usual. This is a speed trick with `re.compile` as its plain twin
(`tests/test_cache.py` holds every grammar pattern to it; `benchmarks/tricks.py`
measures a start with and without the cache).

A grammar file is kept as it was loaded (validated, its fragments put in place), pickled, under a
digest of its text, of the fragments' file and of the schema that validated it: an edited grammar
or schema is loaded and validated again. The output models' core schemas are kept the same way,
under a digest of their source and of pydantic's version (`kehoach.prebuilt`).

The cache is a file per kehoach, Python and `regex` version in the user's cache folder
(`KEHOACH_CACHE_DIR`, else `$XDG_CACHE_HOME/kehoach`, else `~/.cache/kehoach`; `KEHOACH_CACHE_DIR=`
empty turns it off). It is keyed by the pattern's own text, so a grammar edited or replaced finds
its new patterns missing and compiles them: an entry can be unused, never stale. Loading reads
only what a pattern needs (a restricted unpickler); a file that cannot be read is ignored. `save`
writes a new file beside the old one and renames it over, so runs started together each see a
whole file; one that cannot be written (a read-only home) leaves the run as it would be without a
cache. The library only reads the cache; the command line saves it (`save`) after a run that
compiled something new.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import regex

from kehoach import __version__

_STANDARD = "re"  # marks a pattern the standard engine reads: ("re", its program or None)
_GRAMMARS = "grammars"  # the key of the loaded grammars: {name: (digest, pickled model)}
_SCHEMAS = "schemas"  # the key of the models' core schemas: {module: (digest, pickled schemas)}
_SECTIONS = (_GRAMMARS, _SCHEMAS)
_lock = threading.Lock()
# (pattern, flags) -> regex.Pattern, or _STANDARD; and each of _SECTIONS -> its entries
_known: dict[Any, Any] | None = None
_added = 0  # patterns compiled and grammars loaded by this process that the file does not hold


def cache_file() -> Path | None:
    """Where this kehoach, Python and `regex` keep their compiled patterns; None: no cache."""
    folder = os.environ.get("KEHOACH_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache")
                                                    if os.path.expanduser("~") != "~" else "")
        folder = os.path.join(base, "kehoach") if base else ""
    if not folder:
        return None
    version = f"{sys.implementation.name}{'.'.join(map(str, sys.version_info[:3]))}"
    return Path(folder) / f"patterns-{__version__}-{version}-regex{regex.__version__}.pickle"


class _PatternsOnly(pickle.Unpickler):
    """Unpickles the cache's dictionary of strings, numbers and `regex` patterns, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} has no place in a pattern cache")


_GRAMMAR_MODULES = {"kehoach.grammar.schema", "kehoach.grammar.match", "kehoach.models"}


class _GrammarOnly(pickle.Unpickler):
    """Unpickles a grammar file's models: the grammar's own classes, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _GRAMMAR_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} has no place in a grammar cache")


class _SchemasOnly(pickle.Unpickler):
    """Unpickles the core schemas of one module's models: plain data, that module's classes (the
    models and their enums), and `list` and `dict` as default factories; nothing else."""

    def __init__(self, data: bytes, module: str) -> None:
        super().__init__(io.BytesIO(data))
        self.module = module

    def find_class(self, module: str, name: str) -> Any:
        if module == self.module or (module, name) in {("builtins", "list"), ("builtins", "dict")}:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} has no place in a schema cache")


def _kept(section: str, name: str, digest: str) -> bytes | None:
    kept = _load().get(section, {})
    entry = kept.get(name) if isinstance(kept, dict) else None
    if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != digest or not isinstance(entry[1], bytes):
        return None
    return entry[1]


def _keep(section: str, name: str, digest: str, data: bytes) -> None:
    global _added
    known = _load()
    with _lock:
        entries = known.setdefault(section, {})
        if not isinstance(entries, dict):
            entries = known[section] = {}
        entries[name] = (digest, data)
        _added += 1


def source_digest(modules: Sequence[ModuleType], extra: bytes = b"") -> str:
    """A digest of `modules`' source files (and `extra`): what a kept grammar or schema was made
    from, so that an edited module makes it again. Raises OSError when a source cannot be read."""
    sources = (Path(module.__file__ or "").read_bytes() for module in modules)
    return hashlib.sha256(b"\n".join(sources) + extra).hexdigest()


def grammar(name: str, digest: str) -> Any | None:
    """The grammar file `name` as loaded before from the same text and schema (`digest`), or None."""
    data = _kept(_GRAMMARS, name, digest)
    try:
        return None if data is None else _GrammarOnly(io.BytesIO(data)).load()
    except Exception:  # written by another schema, or damaged: load the file again
        return None


def keep_grammar(name: str, digest: str, model: Any) -> None:
    """Keep a grammar file just loaded (pickled now, before its patterns compile into it)."""
    _keep(_GRAMMARS, name, digest, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))


def schemas(module: str, digest: str) -> Any | None:
    """The core schemas kept for the models of `module` as built from the same source and
    pydantic (`digest`), or None (see `kehoach.prebuilt`)."""
    data = _kept(_SCHEMAS, module, digest)
    try:
        return None if data is None else _SchemasOnly(data, module).load()
    except Exception:  # damaged, or naming what the module no longer has: build the models
        return None


def keep_schemas(module: str, digest: str, built: Any) -> None:
    """Keep the core schemas of `module`'s models, just built."""
    _keep(_SCHEMAS, module, digest, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))


def _load() -> dict[Any, Any]:
    global _known
    if _known is None:
        with _lock:
            if _known is None:
                _known = _read(cache_file())
    return _known


def _read(path: Path | None) -> dict[Any, Any]:
    if path is None:
        return {}
    try:
        data = _PatternsOnly(io.BytesIO(path.read_bytes())).load()
    except Exception:  # missing, unreadable, cut short, or written by something else: compile instead
        return {}
    return data if isinstance(data, dict) else {}


def _remember(key: tuple[str, int], value: Any) -> None:
    global _added
    known = _load()
    with _lock:
        if key not in known:
            known[key] = value
            _added += 1


def compile_regex(pattern: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile(pattern, flags)`, from the cache when it holds the pattern."""
    key = (pattern, int(flags))  # a flag enum would pickle as a class the loader refuses
    known = _load().get(key)
    if isinstance(known, regex.Pattern):
        return known
    compiled = regex.compile(pattern, flags)
    _remember(key, compiled)
    return compiled


def compile_either(pattern: str) -> re.Pattern | regex.Pattern:
    """The standard engine's pattern when it reads `pattern`, else `regex`'s (see
    `match.compile_pattern`); the cache remembers which, and keeps both engines' programs."""
    key = (pattern, 0)
    known = _load().get(key)
    if isinstance(known, regex.Pattern):
        return known
    if isinstance(known, tuple) and len(known) == 2 and known[0] == _STANDARD:
        rebuilt = _standard_from(known[1])
        if rebuilt is not None and rebuilt.pattern == pattern:
            return rebuilt
    try:
        standard = re.compile(pattern)
    except re.error:
        return compile_regex(pattern)
    if not (isinstance(known, tuple) and known[0] == _STANDARD):
        _remember(key, (_STANDARD, _standard_program(pattern, standard)))
    return standard


def _standard_program(pattern: str, compiled: re.Pattern) -> tuple | None:
    """What CPython's `re` compiles `pattern` to, as `_sre.compile`'s arguments; None where this
    Python does not compile that way, or the pattern made from them is not `compiled`."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, 0)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        code = [int(op) for op in _compiler._code(parsed, 0)]  # its opcodes are named ints: plain ones pickle
        program = (pattern, int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return program if _sre.compile(*program) == compiled else None
    except Exception:  # another Python, another compiler: the pattern is compiled at each run
        return None


def _standard_from(program: Any) -> re.Pattern | None:
    if program is None or sys.implementation.name != "cpython":
        return None
    try:
        import _sre

        return _sre.compile(*program)
    except Exception:
        return None


def forget() -> None:
    """Drop what this process loaded and compiled, as a new process starts (for tests)."""
    global _known, _added
    with _lock:
        _known, _added = None, 0


def read_file(path: Path) -> dict[Any, Any]:
    """What a cache file holds (empty when it cannot be read as one)."""
    return _read(path)


def save() -> bool:
    """Write the cache when this process compiled patterns it did not hold; True when written."""
    global _added
    path = cache_file()
    if path is None or not _added:
        return False
    mine = _load()
    with _lock:
        on_disk = _read(path)  # what runs that finished meanwhile wrote is kept too
        known = {**on_disk, **mine}
        for section in _SECTIONS:
            theirs, ours = on_disk.get(section), mine.get(section)
            known[section] = {**(theirs if isinstance(theirs, dict) else {}),
                              **(ours if isinstance(ours, dict) else {})}
        data = pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL)
        _added = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
