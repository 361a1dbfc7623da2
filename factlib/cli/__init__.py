"""The ``factlib`` command line: one sub-command per module in ``factlib.cli``.

Each command module defines ``HELP`` (one line), ``configure(parser)`` and
``run(args) -> int``.  Modules are imported only when their command runs, so
``factlib --help`` is instant.
"""
from __future__ import annotations

import argparse
import sys
import time
from importlib import import_module

#: when this run started (``time.perf_counter``): the closing summary line gives the elapsed time
STARTED = time.perf_counter()

#: exit statuses, documented in the README (section Command line) and in ``factlib --help``
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_FINDINGS = 0, 1, 2, 3

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
        epilog="PATH '-' reads standard input.  Exit status: 0 done; 1 no document could be read; "
               "2 a usage or input error; 3 check --fail-on found what it names.",
    )
    from factlib import __version__

    parser.add_argument("--version", action="version", version=f"factlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser._factlib_commands = {}  # name -> its parser, for the usage of a bad flag
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(_module=module)
        parser._factlib_commands[name] = p
        if name in _wanted_commands():
            import_module(module).configure(p)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parser.parse_args(argv)``, except that an unknown flag after a command is reported with
    that command's usage (argparse hands unknown arguments back to the top-level parser)."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        command = parser._factlib_commands.get(getattr(args, "command", None) or "")
        (command or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _wanted_commands() -> set[str]:
    # configure only the command being run (or all, for `--help` of a sub-command)
    argv = sys.argv[1:]
    return {a for a in argv if a in COMMANDS} or set()


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


#: commands after which the ``factlib`` program ends without Python's teardown (:func:`console`)
QUICK_EXIT = ("report",)
#: commands whose first Ctrl-C or SIGTERM is raised by the command itself where stopping is safe
#: (their threads import modules; see :mod:`factlib.run.interrupt`); a second one raises at once
DEFERRED_STOP = ("report",)
_ran: str | None = None  # the command main() ran last


def console() -> None:
    """The ``factlib`` program (the console script and ``python -m factlib``): :func:`main`, then exit.

    After a command of :data:`QUICK_EXIT` the process ends once its exit handlers have run and the
    standard streams are flushed, without tearing down its modules: ``factlib report`` spent
    0.3–0.5 s of wall time after its last file was written freeing the corpus, the pipeline's
    tables and the notebook stack object by object.  Exceptions, and a thread other than a daemon
    still running, take the normal way out."""
    code = main()
    if _ran in QUICK_EXIT:
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    import atexit
    import os
    import threading

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    others = [t for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon]
    if run_handlers is None or others or threading.current_thread() is not threading.main_thread():
        sys.exit(code)
    run_handlers()  # the cache folder's stores, logging, tqdm's monitor: what an exit runs
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed, or a pipe whose reader left
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    global STARTED, _ran
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    STARTED = time.perf_counter()
    _ran = None
    parser = build_parser()
    args = _parse(parser, sys.argv[1:])
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    _ran = args.command
    from factlib.cli.common import standard_input
    from factlib.run import interrupt

    # Ctrl-C raises KeyboardInterrupt and SIGTERM SystemExit, so that finally blocks stop workers and
    # kernels and remove temporaries; both are also recorded, for a stop the garbage collector swallowed
    # (a command of DEFERRED_STOP raises the first one itself, where stopping is safe)
    restore = interrupt.install(deferred=args.command in DEFERRED_STOP)
    try:
        with standard_input(args):  # a PATH '-' becomes a temporary file named stdin.txt
            code = int(import_module(args._module).run(args) or 0)
        stopped = interrupt.requested()
        return code if stopped is None else 128 + stopped  # the work ended, but a stop was asked for
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
        restore()
        interrupt.clear()


if __name__ == "__main__":
    sys.exit(main())
