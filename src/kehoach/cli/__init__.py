"""The command line: `app` (the typer app, in `program`) and `main`, one module per command (`parse`, `diff`,
`export`, `schema`), `options` (the options commands share, declared once) and `inputs` (paths,
folders, globs and standard input made into parse jobs)."""

from __future__ import annotations

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
    from kehoach.cli.program import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer app, built on first use
        from kehoach.cli.program import app

        return app
    raise AttributeError(f"module 'kehoach.cli' has no attribute {name!r}")
