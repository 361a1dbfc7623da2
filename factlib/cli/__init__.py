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


def main(argv: list[str] | None = None) -> int:
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:])
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    try:
        return int(import_module(args._module).run(args) or 0)
    except BrokenPipeError:  # `factlib extract ... | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
