"""Import a user's official data as reference rows: SDMX (SDMX-ML and SDMX-CSV), the World Bank's
CSV download layout, and a plain wide CSV (indicator × period) with a mapping file.

Every importer returns rows of the reference schema (:data:`factlib.figures.load.REFERENCE_COLUMNS`
plus ``metric_key``, ``kind``, ``unit_code``, ``area``, ``tier``, ``published``), ready for
``load_reference(frames=[rows])`` or for writing with :func:`write_reference_csv`.  Which series is
which metric comes from a **mapping** (a CSV with a ``series`` column naming the series -- an
indicator code, an SDMX series key or a row label -- and ``metric_key``; optional ``kind``
(``growth_rate`` for a series of growth rates), ``unit`` (the unit of the values: 元, %, 人, 美元 …),
``scale`` (what one unit of the value is worth: 100000000 for 亿元, 10000 for 万人), ``area``) or,
for a file holding one series, from ``metric_key=``.  Values are written out in full (``scale``
applied, exact decimal arithmetic); the quote is the source's own cell: ``<series label>, <period>:
<value as in the file>``.

SDMX-ML needs the optional ``sdmx1`` package (``pip install factlib[sdmx]``); SDMX-CSV is read
with pandas (its layout is one observation per row: dimension columns, ``TIME_PERIOD``,
``OBS_VALUE``, optional ``UNIT_MULT``).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from factlib.vocab.lexicon import MetricLexicon, default_lexicon

__all__ = [
    "ImportError_",
    "SeriesMap",
    "read_mapping",
    "import_sdmx",
    "import_sdmx_csv",
    "import_sdmx_ml",
    "import_worldbank_csv",
    "import_wide_csv",
    "import_file",
    "write_reference_csv",
    "WORLD_BANK_INDICATORS",
]

OUTPUT_COLUMNS = ("metric_zh", "metric_en", "period", "value", "unit", "qualifier", "source_name",
                  "source_url", "quote", "metric_key", "kind", "unit_code", "base_period", "area", "tier",
                  "published")


class ImportError_(ValueError):  # noqa: N801 - not the builtin ImportError
    """The file cannot be read as the named format, or the mapping is unusable."""


@dataclass(frozen=True)
class SeriesMap:
    """How one series of the file becomes reference rows."""

    metric_key: str
    kind: str = ""          # '' = the metric's own kind (a level); growth_rate for growth series
    unit: str = ""          # unit of the stated values ('' = the metric's unit)
    scale: Decimal = Decimal(1)
    area: str = ""


#: World Development Indicators that map onto lexicon metrics (indicator code -> SeriesMap);
#: money in current local currency units is only China's yuan when the country is CHN
WORLD_BANK_INDICATORS: dict[str, SeriesMap] = {
    "SP.POP.TOTL": SeriesMap("population", unit="人"),
    "NY.GDP.MKTP.KD.ZG": SeriesMap("gdp", kind="growth_rate", unit="%"),
    "NY.GDP.MKTP.CN": SeriesMap("gdp", unit="LCU"),
    "NY.GDP.MKTP.CD": SeriesMap("gdp", unit="美元"),
    "NY.GDP.PCAP.CN": SeriesMap("gdp_per_capita", unit="LCU"),
    "FP.CPI.TOTL.ZG": SeriesMap("cpi", kind="growth_rate", unit="%"),
    "SP.URB.TOTL.IN.ZS": SeriesMap("urbanisation_rate", unit="%"),
    "SP.URB.TOTL": SeriesMap("urban_population", unit="人"),
    "SP.RUR.TOTL": SeriesMap("rural_population", unit="人"),
    "SP.DYN.CBRT.IN": SeriesMap("birth_rate", unit="‰"),
    "SP.DYN.CDRT.IN": SeriesMap("death_rate", unit="‰"),
    "SL.UEM.TOTL.ZS": SeriesMap("unemployment_rate", unit="%"),
    "NE.EXP.GNFS.CD": SeriesMap("goods_exports", unit="美元"),
    "BX.KLT.DINV.CD.WD": SeriesMap("utilised_foreign_investment", unit="美元"),
    "FI.RES.TOTL.CD": SeriesMap("foreign_exchange_reserves", unit="美元"),
}
#: ISO 3166 alpha-3 -> the area codes of factlib/data/areas.csv, for the economies most often checked
_ALPHA3 = {"CHN": "CN", "HKG": "HK", "MAC": "MO", "TWN": "TW", "USA": "US", "JPN": "JP", "KOR": "KR",
           "GBR": "GB", "DEU": "DE", "FRA": "FR", "IND": "IN", "RUS": "RU", "WLD": "WORLD"}
_LCU = {"CN": "元", "HK": "港元", "MO": "澳门元", "TW": "新台币", "US": "美元", "JP": "日元", "KR": "韩元",
        "GB": "英镑", "DE": "欧元", "FR": "欧元"}


# --- mapping ---------------------------------------------------------------------------------

def read_mapping(path: str | Path) -> dict[str, SeriesMap]:
    """A mapping CSV: ``series,metric_key[,kind,unit,scale,area]`` (``#`` lines are comments)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if not reader.fieldnames or not {"series", "metric_key"} <= set(reader.fieldnames):
        raise ImportError_(f"{path}: a mapping needs the columns series and metric_key")
    out: dict[str, SeriesMap] = {}
    for row in reader:
        series = (row.get("series") or "").strip()
        if not series:
            continue
        try:
            scale = Decimal((row.get("scale") or "1").strip() or "1")
        except InvalidOperation as exc:
            raise ImportError_(f"{path}: scale {row.get('scale')!r} of {series!r} is not a number") from exc
        out[series] = SeriesMap((row.get("metric_key") or "").strip(), (row.get("kind") or "").strip(),
                                (row.get("unit") or "").strip(), scale, (row.get("area") or "").strip())
    return out


def _check_keys(mapping: Mapping[str, SeriesMap], lexicon: MetricLexicon) -> None:
    unknown = sorted({m.metric_key for m in mapping.values() if m.metric_key not in lexicon})
    if unknown:
        raise ImportError_(f"metric key(s) not in the lexicon: {', '.join(unknown)}")


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    text = str(value).strip().replace(",", "")
    if text in {"", "..", "NaN", "nan", "NA", "-"}:
        return None
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _full(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def _period(raw: str) -> str:
    """SDMX / World Bank periods as factlib periods: 2024, 2024-03, 2024-Q1 -> 2024-01/2024-03."""
    p = str(raw).strip()
    m = re.fullmatch(r"(\d{4})-?Q([1-4])", p)
    if m:
        year, q = m.group(1), int(m.group(2))
        return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}"
    m = re.fullmatch(r"(\d{4})-?M?(\d{2})", p)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = re.fullmatch(r"(\d{4})(?:-A1|-01-01/P1Y)?", p)
    if m:
        return m.group(1)
    return p


def _rows(records, lexicon: MetricLexicon, source_name: str, source_url: str, tier: str,
          published: str) -> pd.DataFrame:
    """Reference rows from ``(SeriesMap, label, period, raw value text, unit multiplier)``."""
    out = []
    for smap, label, period, raw, mult in records:
        value = _decimal(raw)
        if value is None:
            continue
        info = lexicon.info(smap.metric_key)
        kind = smap.kind or info.kind
        stated_unit = smap.unit or ("%" if kind == "growth_rate" else "")
        full = value * smap.scale * (Decimal(10) ** int(mult or 0))
        unit = stated_unit or info.unit
        unit_code = {"元": "CNY", "美元": "USD", "人": "person", "%": "%", "‰": "‰"}.get(unit, unit)
        per = _period(period)
        if info.measure == "stock" and kind != "growth_rate" and re.fullmatch(r"\d{4}", per):
            per += "-12"
        out.append({
            "metric_zh": info.label_zh, "metric_en": info.label_en, "period": per, "value": _full(full),
            "unit": unit, "qualifier": "exact", "source_name": source_name, "source_url": source_url,
            "quote": f"{label}, {period}: {str(raw).strip()}", "metric_key": smap.metric_key, "kind": kind,
            "unit_code": unit_code, "base_period": "", "area": smap.area or "CN", "tier": tier,
            "published": published,
        })
    return pd.DataFrame(out, columns=list(OUTPUT_COLUMNS))


# --- SDMX --------------------------------------------------------------------------------------

def _series_map(key: str, mapping: Mapping[str, SeriesMap], metric_key: str | None,
                dims: Mapping[str, str]) -> SeriesMap | None:
    """The SeriesMap of an SDMX series: by its full key (A.CN.GDP), by any one dimension value
    (GDP), or ``metric_key`` when the file holds one series."""
    if key in mapping:
        return mapping[key]
    for value in dims.values():
        if value in mapping:
            return mapping[value]
    if metric_key:
        return SeriesMap(metric_key)
    return None


def _area_of(dims: Mapping[str, str], smap: SeriesMap) -> SeriesMap:
    if smap.area:
        return smap
    for name in ("REF_AREA", "GEO", "COUNTRY", "AREA", "geo"):
        if name in dims:
            code = str(dims[name])
            area = _ALPHA3.get(code, code)
            return SeriesMap(smap.metric_key, smap.kind, smap.unit, smap.scale, area)
    return smap


_SDMX_TIME = ("TIME_PERIOD", "TIME", "time_period")
_SDMX_VALUE = ("OBS_VALUE", "obs_value", "VALUE")
_SDMX_META = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION", "UNIT_MULT", "OBS_STATUS", "DECIMALS",
              "STRUCTURE_NAME", "OBS_FLAG", "COMMENT_OBS", "UNIT_MEASURE", "FREQ"}


def import_sdmx_csv(path: str | Path, mapping: Mapping[str, SeriesMap] | None = None, *,
                    metric_key: str | None = None, source_name: str = "", source_url: str = "",
                    tier: str = "primary", published: str = "",
                    lexicon: MetricLexicon | None = None) -> pd.DataFrame:
    """Rows from an SDMX-CSV file (one observation per line)."""
    lexicon = lexicon or default_lexicon()
    mapping = dict(mapping or {})
    _check_keys(mapping, lexicon)
    if metric_key and metric_key not in lexicon:
        raise ImportError_(f"metric key {metric_key!r} is not in the lexicon")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    time = next((c for c in _SDMX_TIME if c in frame.columns), None)
    value = next((c for c in _SDMX_VALUE if c in frame.columns), None)
    if time is None or value is None:
        raise ImportError_(f"{path}: not SDMX-CSV (no TIME_PERIOD / OBS_VALUE column)")
    dims = [c for c in frame.columns if c not in {time, value} and c.upper() not in _SDMX_META]
    records = []
    for row in frame.to_dict(orient="records"):
        d = {c: row[c] for c in dims}
        key = ".".join(str(d[c]) for c in dims)
        smap = _series_map(key, mapping, metric_key, d)
        if smap is None:
            continue
        smap = _area_of(d, smap)
        records.append((smap, row.get("DATAFLOW", "") + (" " if row.get("DATAFLOW") else "") + key,
                        row[time], row[value], row.get("UNIT_MULT", "") or 0))
    return _rows(records, lexicon, source_name or Path(path).name, source_url or str(path), tier, published)


def import_sdmx_ml(path: str | Path, mapping: Mapping[str, SeriesMap] | None = None, *,
                   metric_key: str | None = None, source_name: str = "", source_url: str = "",
                   tier: str = "primary", published: str = "",
                   lexicon: MetricLexicon | None = None) -> pd.DataFrame:
    """Rows from an SDMX-ML data message (read with the ``sdmx1`` package)."""
    try:
        import sdmx
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise ImportError_("SDMX-ML needs the sdmx1 package: pip install 'factlib[sdmx]'") from exc
    lexicon = lexicon or default_lexicon()
    mapping = dict(mapping or {})
    _check_keys(mapping, lexicon)
    if metric_key and metric_key not in lexicon:
        raise ImportError_(f"metric key {metric_key!r} is not in the lexicon")
    try:
        message = sdmx.read_sdmx(str(path))
    except Exception as exc:  # sdmx1 raises many kinds of error for a file it cannot read
        raise ImportError_(f"{path}: not an SDMX-ML data message ({exc})") from exc
    records = []
    for dataset in getattr(message, "data", []):
        for series_key, series in dataset.series.items():
            dims = {k: str(v.value) for k, v in series_key.values.items()}
            attrs = {k: str(getattr(v, "value", v)) for k, v in (getattr(series_key, "attrib", None) or {}).items()}
            key = ".".join(dims.values())
            smap = _series_map(key, mapping, metric_key, dims)
            if smap is None:
                continue
            smap = _area_of(dims, smap)
            for obs in series:
                period = str(obs.dimension.values["TIME_PERIOD"].value) if obs.dimension else ""
                obs_attrs = {k: str(getattr(v, "value", v)) for k, v in (obs.attrib or {}).items()}
                mult = obs_attrs.get("UNIT_MULT") or attrs.get("UNIT_MULT") or 0
                records.append((smap, key, period, obs.value, mult))
    return _rows(records, lexicon, source_name or Path(path).name, source_url or str(path), tier, published)


def import_sdmx(path: str | Path, mapping: Mapping[str, SeriesMap] | None = None, **kwargs) -> pd.DataFrame:
    """SDMX-CSV or SDMX-ML, told apart by the first character of the file."""
    head = Path(path).read_text(encoding="utf-8-sig", errors="replace")[:200].lstrip()
    if head.startswith("<"):
        return import_sdmx_ml(path, mapping, **kwargs)
    return import_sdmx_csv(path, mapping, **kwargs)


# --- World Bank ----------------------------------------------------------------------------------

def import_worldbank_csv(path: str | Path, mapping: Mapping[str, SeriesMap] | None = None, *,
                         source_name: str = "World Bank, World Development Indicators",
                         source_url: str = "", tier: str = "primary", published: str = "",
                         lexicon: MetricLexicon | None = None) -> pd.DataFrame:
    """Rows from the World Bank's CSV download (``API_…csv``: a few lines of metadata, then
    ``Country Name, Country Code, Indicator Name, Indicator Code, 1960, 1961, …``).  Indicators
    are mapped by :data:`WORLD_BANK_INDICATORS` unless ``mapping`` names them; money in local
    currency units (``LCU``) becomes the country's currency."""
    lexicon = lexicon or default_lexicon()
    mapping = dict(WORLD_BANK_INDICATORS, **dict(mapping or {}))
    _check_keys(mapping, lexicon)
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith('"Country Name"') or ln.startswith("Country Name")), None)
    if start is None:
        raise ImportError_(f"{path}: not a World Bank CSV (no 'Country Name' header)")
    frame = pd.read_csv(io.StringIO("\n".join(lines[start:])), dtype=str, keep_default_na=False)
    years = [c for c in frame.columns if re.fullmatch(r"\d{4}", str(c).strip())]
    records = []
    for row in frame.to_dict(orient="records"):
        smap = mapping.get(row["Indicator Code"].strip())
        if smap is None:
            continue
        area = smap.area or _ALPHA3.get(row["Country Code"].strip(), row["Country Code"].strip())
        unit = _LCU.get(area, "") if smap.unit == "LCU" else smap.unit
        if smap.unit == "LCU" and not unit:
            continue  # a currency factlib has no code for
        smap = SeriesMap(smap.metric_key, smap.kind, unit, smap.scale, area)
        label = f"{row['Country Name'].strip()}, {row['Indicator Name'].strip()}"
        for year in years:
            records.append((smap, label, year.strip(), row[year], 0))
    return _rows(records, lexicon, source_name, source_url or str(path), tier, published)


# --- wide CSV ----------------------------------------------------------------------------------

def import_wide_csv(path: str | Path, mapping: Mapping[str, SeriesMap], *, source_name: str = "",
                    source_url: str = "", tier: str = "primary", published: str = "",
                    lexicon: MetricLexicon | None = None) -> pd.DataFrame:
    """Rows from a plain wide CSV: the first column names the indicator (matched against the
    mapping's ``series``), every other column is a period (2023, 2024-03, 2024Q1 …)."""
    lexicon = lexicon or default_lexicon()
    if not mapping:
        raise ImportError_("a wide CSV needs a mapping (series -> metric_key)")
    _check_keys(mapping, lexicon)
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    frame = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    label_column = frame.columns[0]
    periods = [c for c in frame.columns[1:]]
    records = []
    for row in frame.to_dict(orient="records"):
        label = str(row[label_column]).strip()
        smap = mapping.get(label)
        if smap is None:
            continue
        for period in periods:
            records.append((smap, label, str(period).strip(), row[period], 0))
    return _rows(records, lexicon, source_name or Path(path).name, source_url or str(path), tier, published)


FORMATS = {"sdmx": import_sdmx, "sdmx-csv": import_sdmx_csv, "sdmx-ml": import_sdmx_ml,
           "worldbank": import_worldbank_csv, "wide": import_wide_csv}


def import_file(path: str | Path, fmt: str = "auto", mapping: Mapping[str, SeriesMap] | None = None,
                **kwargs) -> pd.DataFrame:
    """Import ``path`` in format ``fmt`` (``auto`` guesses: XML → SDMX-ML, a ``Data Source`` /
    ``Country Name`` header → World Bank, a ``TIME_PERIOD`` column → SDMX-CSV, else wide)."""
    if fmt == "auto":
        head = Path(path).read_text(encoding="utf-8-sig", errors="replace")[:2000]
        if head.lstrip().startswith("<"):
            fmt = "sdmx-ml"
        elif "Country Name" in head and "Indicator Code" in head:
            fmt = "worldbank"
        elif "TIME_PERIOD" in head.splitlines()[0] if head else False:
            fmt = "sdmx-csv"
        else:
            fmt = "wide"
    if fmt not in FORMATS:
        raise ImportError_(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "wide":
        kwargs.pop("metric_key", None)
        return import_wide_csv(path, mapping or {}, **kwargs)
    if fmt == "worldbank":
        kwargs.pop("metric_key", None)
        return import_worldbank_csv(path, mapping, **kwargs)
    return FORMATS[fmt](path, mapping, **kwargs)


HEADER = """# Reference figures imported by `factlib reference import` from {source}.
# Columns: as factlib/data/reference/official_figures.csv (metric_zh, metric_en, period, value, unit,
# qualifier, source_name, source_url, quote, metric_key, kind, unit_code, base_period) plus area, tier,
# published; quote = the source's own cell (series, period: value as in the file).
"""


def write_reference_csv(rows: pd.DataFrame, out, source: str = "") -> None:
    """Write rows as a reference CSV (with a comment header) to a path or an open text file.

    A path is written atomically: into a temporary file in the same folder, then renamed over it
    with :func:`os.replace`, so a reader (or a crash) never sees half a table."""
    text = HEADER.format(source=source or "a data file") + rows.to_csv(index=False, lineterminator="\n")
    if hasattr(out, "write"):
        out.write(text)
    else:
        _atomic_write_text(Path(out), text)


def _atomic_write_text(path: Path, text: str) -> None:
    import os
    import secrets

    # the same temporary name as factlib.report.files (a later report run removes a stale one);
    # created with the umask's permissions (mkstemp would make the table private to its owner)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
