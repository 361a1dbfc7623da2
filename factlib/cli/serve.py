"""``factlib serve --store PATH``: browse a claim store's claims and findings in Datasette.

Needs the ``serve`` extra (``pip install 'factlib[serve]'``).  The store is opened read-only;
a snapshot database with the findings is written to ``--db`` (default: a temporary folder)
and Datasette serves it with facets on verdict, metric and document.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HELP = "browse a claim store (claims, findings, documents) in Datasette"


def configure(parser) -> None:
    parser.add_argument("--store", required=True, metavar="PATH", help="the SQLite claim store (--store of extract/report)")
    parser.add_argument("--reference", metavar="CSV", default=None, help="an extra official-figures table")
    parser.add_argument("--db", metavar="FILE", default=None,
                        help="where to write the snapshot (default: a temp folder); replaces only an earlier snapshot")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--build-only", action="store_true", help="write the snapshot and its metadata, do not serve")


def run(args) -> int:
    from factlib.report.serve import build_database

    if not Path(args.store).is_file():
        print(f"factlib: no claim store at {args.store}", file=sys.stderr)
        return 2
    folder = None
    if args.db:
        db = Path(args.db)
    else:
        folder = Path(tempfile.mkdtemp(prefix="factlib-serve-"))
        db = folder / "factlib.db"
    try:
        try:
            db = build_database(args.store, db, reference=args.reference)
        except ValueError as exc:  # --db names the store itself
            print(f"factlib: {exc}", file=sys.stderr)
            return 2
        meta = db.with_suffix(".metadata.json")
        if args.build_only:
            print(db)
            return 0
        datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
        if not Path(datasette).exists():
            print("factlib: Datasette is not installed: pip install 'factlib[serve]'", file=sys.stderr)
            return 2
        print(f"factlib: serving {db} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
        return subprocess.call([datasette, "serve", "-i", str(db), "--metadata", str(meta),
                                "--host", args.host, "--port", str(args.port)])
    finally:
        if folder is not None and not args.build_only:
            shutil.rmtree(folder, ignore_errors=True)
