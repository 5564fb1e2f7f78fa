"""The command line: `app` (the typer app and `main`), one module per command (`parse`, `diff`,
`export`, `schema`), `options` (the options commands share, declared once) and `inputs` (paths,
folders, globs and standard input made into parse jobs)."""

from kehoach.cli.app import app, main

__all__ = ["app", "main"]
