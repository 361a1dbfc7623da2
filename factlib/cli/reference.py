"""``factlib reference import FILE``: turn official data into reference rows (a reference CSV).

Formats (``--format``, default ``auto``): ``sdmx`` (SDMX-ML or SDMX-CSV; SDMX-ML needs
``pip install 'factlib[sdmx]'``), ``sdmx-csv``, ``sdmx-ml``, ``worldbank`` (the World Bank's CSV
download), ``wide`` (first column = indicator, other columns = periods).  Which series is which
metric: ``--mapping CSV`` (columns ``series, metric_key`` and optionally ``kind, unit, scale, area``)
or ``--metric KEY`` for a file holding one series.  The rows go to standard output or ``-o FILE``;
use them with ``factlib check --reference FILE``.

``factlib reference show`` prints the shipped reference's coverage: rows by tier, metric and year.
"""
from __future__ import annotations

import sys

HELP = "import official data (SDMX, World Bank CSV, wide CSV) as reference rows; show coverage"


def configure(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    imp = sub.add_parser("import", help="import a data file as reference rows (CSV)")
    imp.add_argument("path", metavar="FILE")
    imp.add_argument("--format", default="auto",
                     choices=("auto", "sdmx", "sdmx-csv", "sdmx-ml", "worldbank", "wide"))
    imp.add_argument("--mapping", metavar="CSV", help="series -> metric_key (columns series,metric_key[,kind,unit,scale,area])")
    imp.add_argument("--metric", metavar="KEY", help="the metric key of a file holding one series")
    imp.add_argument("--source-name", default="", help="publisher and title of the data (default: the file name)")
    imp.add_argument("--source-url", default="", help="where the data was published (default: the file path)")
    imp.add_argument("--tier", default="primary", choices=("primary", "secondary", "trusted"))
    imp.add_argument("--published", default="", metavar="DATE", help="the day the data was published (YYYY-MM-DD)")
    imp.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    sub.add_parser("show", help="rows of the shipped reference by tier, metric and year")


def run(args) -> int:
    action = getattr(args, "action", None)
    if action == "import":
        return _import(args)
    if action == "show":
        return _show()
    print("factlib reference: name an action: import FILE | show", file=sys.stderr)
    return 2


def _import(args) -> int:
    from factlib.figures.importers import ImportError_, import_file, read_mapping, write_reference_csv

    try:
        mapping = read_mapping(args.mapping) if args.mapping else None
        rows = import_file(args.path, args.format, mapping, metric_key=args.metric, source_name=args.source_name,
                           source_url=args.source_url, tier=args.tier, published=args.published)
    except (ImportError_, OSError) as exc:
        print(f"factlib: reference import: {exc}", file=sys.stderr)
        return 2
    if rows.empty:
        print("factlib: reference import: no rows (no series matched the mapping)", file=sys.stderr)
        return 1
    if args.output:
        from factlib.cli.output import OutputError, atomic_text, check_output_file

        try:  # never onto the file being imported; written atomically
            check_output_file(args.output, [args.path])
        except OutputError as exc:
            print(f"factlib: {exc}", file=sys.stderr)
            return 2
        with atomic_text(args.output) as out:
            write_reference_csv(rows, out, source=args.source_name or args.path)
    else:
        write_reference_csv(rows, sys.stdout, source=args.source_name or args.path)
    print(f"factlib: {len(rows)} reference rows", file=sys.stderr)
    return 0


def _show() -> int:
    from factlib.figures.load import load_reference

    ref = load_reference()
    print(f"{len(ref)} rows; by tier: " + ", ".join(f"{k} {v}" for k, v in ref["tier"].value_counts().items()))
    years = ref["period"].astype(str).str[:4]
    table = ref.assign(year=years).groupby("metric_key")["year"].agg(lambda s: f"{len(s):4d}  {s.min()}-{s.max()}")
    for key, text in table.items():
        print(f"  {key:45s} {text}")
    return 0
