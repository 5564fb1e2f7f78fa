"""The command line: the app, its commands (one module each) and `main`, which turns every way a
command ends into one line and an exit status.

Exit statuses (docs/errors.md): 0 every input parsed; 1 one or more inputs could not be parsed (the
others were done); 2 a usage error; 3 an output that cannot be written; 4 an internal error; 130
interrupted.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

# typer carries its own copy of click (typer._click); its usage errors are that copy's classes
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from kehoach import __version__
from kehoach.cli import diff, export, parse, schema
from kehoach.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED, EXIT_USAGE

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help, as other command-line tools print it
    pretty_exceptions_enable=False,
    help="Turn Vietnamese administrative plans (Kế hoạch) into structured, validated data.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kehoach {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """kehoach: parse plans, compare a plan with its parent."""


app.command("parse")(parse.parse)
app.command("diff")(diff.diff)
app.command("export")(export.export)
app.command("schema")(schema.schema)


class Terminated(BaseException):
    """SIGTERM (a supervisor, `kill`): unwinds like Ctrl-C, so that workers are ended and temporary
    folders removed on the way out."""


def _on_terminate(signum, frame):
    raise Terminated


def _keep_cache() -> None:
    """The patterns this run compiled and the grammars it loaded, kept for the next (see
    kehoach.cache); a run that needed neither (`--help`) does not even import the cache."""
    cache = sys.modules.get("kehoach.cache")
    if cache is not None:
        cache.save()


def _usage_line(error: UsageError) -> str:
    """Click's usage error as one line: which command, what is wrong, where help is."""
    message = error.format_message().replace("Value error, ", "")
    command = error.ctx.command_path if error.ctx else "kehoach"
    return f"{command.removeprefix('kehoach').strip() or 'kehoach'}: {message} (see '{command} --help')"


def main() -> None:
    # The command line needs no pydantic plugins; looking them up scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    signal.signal(signal.SIGTERM, _on_terminate)
    try:
        code = typer.main.get_command(app).main(prog_name="kehoach", standalone_mode=False)
        if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a silent exit status of 130
            raise KeyboardInterrupt
        _keep_cache()
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except NoArgsIsHelpError as exc:  # `kehoach` or `kehoach diff` alone: the help, as asked
        print(exc.ctx.get_help() if exc.ctx else exc.format_message(), file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except UsageError as exc:
        print(f"kehoach: {_usage_line(exc)}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except (KeyboardInterrupt, typer.Abort):
        print("kehoach: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        print("kehoach: terminated", file=sys.stderr)
        sys.exit(EXIT_TERMINATED)
    except BrokenPipeError:  # `kehoach parse ... | head`: the reader has gone, which is not an error to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as exc:  # a bug: one line, unless --debug asked for the traceback
        if "--debug" in sys.argv:
            raise
        print(f"kehoach: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
