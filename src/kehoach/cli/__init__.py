"""The command line: `app` (the typer app, in `program`) and `main`, one module per command (`parse`, `diff`,
`export`, `schema`), `options` (the options commands share, declared once) and `inputs` (paths,
folders, globs and standard input made into parse jobs)."""

from __future__ import annotations

import gc
import sys
from typing import Any

__all__ = ["app", "main"]


def main() -> None:
    """The `kehoach` program. `kehoach --version` alone is answered before the command line is
    built (scripts ask it before every batch; building it costs most of a short run)."""
    if sys.argv[1:] == ["--version"]:
        from kehoach import __version__

        print(f"kehoach {__version__}")
        raise SystemExit(0)
    # A start is imports: objects made once and kept for the whole run, which the collector would walk
    # over again and again while they are made. It waits until they are, then never looks at them
    # again (frozen, they also stay in the pages a forked child shares with this process).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from kehoach.cli.program import main as run

        if sys.argv[1:2] in (["parse"], ["diff"], ["export"]):
            import kehoach.pipeline  # noqa: F401  (what these commands run: imported with the rest)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    run()


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer app, built on first use
        from kehoach.cli.program import app

        return app
    raise AttributeError(f"module 'kehoach.cli' has no attribute {name!r}")
