"""The ``factlib`` command line: one sub-command per module in ``factlib.cli``.

Each command module defines ``HELP`` (one line), ``configure(parser)`` and
``run(args) -> int``.  Modules are imported only when their command runs, so
``factlib --help`` is instant.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

# command name -> (module, one-line help).  Add a row to add a command.
COMMANDS = {
    "docs": ("factlib.cli.docs", "load documents and print one JSON line of metadata each"),
    "extract": ("factlib.cli.extract", "extract numeric claims (jsonl, csv or parquet)"),
    "evaluate": ("factlib.cli.evaluate", "score extraction against a hand-annotated gold JSONL"),
    "check": ("factlib.cli.check", "cross-check claims and print findings"),
    "report": ("factlib.cli.report", "run the notebooks over a corpus and write HTML reports"),
    "reference": ("factlib.cli.reference", "import official data as reference rows; show the shipped coverage"),
    "serve": ("factlib.cli.serve", "browse a claim store (claims, findings, documents) in Datasette"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlib",
        description="Extract numeric claims from Chinese and English documents and cross-check them.",
    )
    from factlib import __version__

    parser.add_argument("--version", action="version", version=f"factlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(_module=module)
        if name in _wanted_commands():
            import_module(module).configure(p)
    return parser


def _wanted_commands() -> set[str]:
    # configure only the command being run (or all, for `--help` of a sub-command)
    argv = sys.argv[1:]
    return {a for a in argv if a in COMMANDS} or set()


def _terminate(signum, frame):  # noqa: ARG001
    """SIGTERM unwinds like Ctrl-C: ``finally`` blocks stop workers and kernels, remove temporaries."""
    raise SystemExit(128 + signum)


def _user_error(exc: BaseException) -> str | None:
    """The one-line message of an expected failure (a damaged store, a refused output), else None."""
    from factlib.cli.output import OutputError
    from factlib.report.files import OutputFolderError
    from factlib.run.store import StoreError
    from factlib.vocab.tables import TableError

    if isinstance(exc, (StoreError, OutputError, OutputFolderError)):
        return str(exc)
    if isinstance(exc, TableError):  # a reference or vocabulary table that cannot be read
        return f"table: {exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:])
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    else:  # pragma: no cover - called from a thread: leave signals alone
        previous = None
    try:
        return int(import_module(args._module).run(args) or 0)
    except BrokenPipeError:  # `factlib extract ... | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = _user_error(exc)
        if message is None:
            raise
        print(f"factlib: {message}", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
