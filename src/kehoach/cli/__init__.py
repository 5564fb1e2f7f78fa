"""The command line: `commands` (one function per command), `options` (the options every command
shares, declared once), `inputs` (paths, globs and standard input made into parse jobs)."""

from kehoach.cli.commands import app, main

__all__ = ["app", "main"]
