"""What every check receives: the claims, prepared once, plus reference figures and vocabularies.

Preparation adds columns the checks share (all vectorised):

``lo`` / ``hi``          the interval the claim asserts (``intervals.bounds``; decreases negated)
``mclass``               what kind of number it is, for joins: ``count``, ``money:CNY``, ``percent``,
                         ``pp``, ``growth``, ``ratio``, ``year``, ``date``, ``ordinal``, ``rank``,
                         ``duration``, or ``<dimension>:<unit>`` for physical measures
``metric_key``           the extractor's key; when it is missing, or names a metric whose unit
                         cannot carry this number (a % attributed to 网民), the single lexicon alias
                         of a fitting metric in the sentence is used instead
``metric_certain``       the key comes from a phrase that is an alias plus neutral words only
``period_certain``       the period is explicit or inherited within the sentence
``doc_date``             the document's date (from a ``doc_date`` column or ``documents=``)
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from factlib.claims.intervals import bounds
from factlib.vocab.lexicon import MetricLexicon

__all__ = ["CLAIM_COLUMNS", "CheckContext", "prepare_claims", "measure_class", "metric_class"]

#: the claims columns the checks read (issue 3); absent optional columns are filled empty
CLAIM_COLUMNS = (
    "doc_id", "claim_id", "sentence_id", "start", "end", "surface", "sentence", "value", "low",
    "high", "precision", "qualifier", "kind", "unit", "metric", "metric_key", "period",
    "period_basis", "lang",
)


def _unit_dimensions() -> dict[str, str]:
    """Unit code -> dimension, from ``data/units.csv`` (a missing or broken table raises TableError)."""
    from factlib.vocab.tables import read_table

    return {r["code"]: r["dimension"] for r in read_table("units", required=("code", "dimension"))}


_DIMENSIONS: dict[str, str] | None = None
_MONEY_WORDS = {"元": "CNY", "yuan": "CNY", "rmb": "CNY", "人民币": "CNY", "美元": "USD"}


def measure_class(kind: pd.Series, unit: pd.Series) -> pd.Series:
    """What kind of number each claim is, as a join key (see module docstring)."""
    global _DIMENSIONS
    if _DIMENSIONS is None:
        _DIMENSIONS = _unit_dimensions()
    kind = kind.fillna("").astype(str)
    unit = unit.fillna("").astype(str).replace(_MONEY_WORDS)
    dim = unit.map(_DIMENSIONS).fillna("")
    out = pd.Series("count", index=kind.index, dtype=object)
    physical = ~dim.isin(["", "count", "ratio", "money", "time", "age"])
    out[physical] = dim[physical] + ":" + unit[physical]
    out[dim == "money"] = "money:" + unit[dim == "money"]
    out[(unit == "%") | (kind == "percent")] = "percent"
    out[unit == "‰"] = "permille"
    out[(kind == "pp_change") | (unit == "pp")] = "pp"
    out[kind == "growth_rate"] = "growth"
    out[kind.isin(["multiple", "fraction", "ratio"])] = "ratio"
    for k in ("year", "date", "ordinal", "rank", "duration", "other"):
        out[kind == k] = k
    return out


def metric_class(lexicon: MetricLexicon, key: str) -> str:
    """The measure class of a level of metric ``key`` (from its lexicon unit and kind)."""
    if key not in lexicon:
        return ""
    info = lexicon.info(key)
    if info.unit == "%":
        return "percent"
    if info.unit == "‰":
        return "permille"
    if info.unit == "pp":
        return "pp"
    if info.kind in {"ordinal", "year"}:
        return info.kind
    global _DIMENSIONS
    if _DIMENSIONS is None:
        _DIMENSIONS = _unit_dimensions()
    dim = _DIMENSIONS.get(info.unit, "")
    if info.unit in {"CNY", "USD"} or dim == "money":
        return "money:" + info.unit
    if dim and dim not in {"count", "ratio", "time", "age"}:
        return f"{dim}:{info.unit}"  # grain in t, roads in km: a physical measure
    return "count"


def _fits(mclass: str, level_class: str) -> bool:
    if not level_class:
        return False
    if mclass == "growth":
        return level_class in ("count", "percent", "permille") or ":" in level_class
    if ":" in mclass and ":" in level_class:
        # the same dimension in another unit (GDP in US dollars, grain in 斤): the metric fits; figures
        # are still compared only with figures of the same measure class
        return mclass.split(":", 1)[0] == level_class.split(":", 1)[0]
    if mclass == "pp":
        return level_class == "percent"
    if mclass == "rank":
        return True  # 居世界第一: a rank of any metric
    return mclass == level_class


@dataclass
class CheckContext:
    """Inputs of every check (claims already prepared)."""

    claims: pd.DataFrame
    reference: pd.DataFrame
    lexicon: MetricLexicon
    options: dict = field(default_factory=dict)

    def empty_findings(self) -> pd.DataFrame:
        from factlib.checks.findings import empty_findings

        return empty_findings()


def _doc_dates(claims: pd.DataFrame, documents) -> pd.Series:
    if "doc_date" in claims.columns:
        return pd.to_datetime(claims["doc_date"], errors="coerce")
    mapping: dict[str, dt.date | None] = {}
    if isinstance(documents, Mapping):
        mapping = {str(k): v for k, v in documents.items()}
    elif documents is not None:
        for doc in documents:
            if hasattr(doc, "id"):
                mapping[str(doc.id)] = getattr(doc, "date", None)
    return pd.to_datetime(claims["doc_id"].astype(str).map(mapping), errors="coerce")


def prepare_claims(
    claims: pd.DataFrame,
    lexicon: MetricLexicon,
    documents: Iterable | Mapping | None = None,
) -> pd.DataFrame:
    """A copy of ``claims`` with the shared columns the checks need (see module docstring)."""
    df = claims.reset_index(drop=True)  # positions == labels from here on
    for column in CLAIM_COLUMNS:
        if column not in df.columns:
            df[column] = np.nan if column in {"value", "low", "high", "precision", "start", "end"} else ""
    for column in ("doc_id", "claim_id", "surface", "sentence", "qualifier", "kind", "unit", "metric",
                   "metric_key", "period", "period_basis", "lang"):
        # plain Python strings in object columns: iterating Arrow-backed strings is slow
        values = df[column].astype(object).to_numpy()
        df[column] = pd.Series([("" if v is None or v is pd.NA or v != v else str(v)) for v in values],
                               index=df.index, dtype=object)
    for column in ("start", "end", "sentence_id"):
        df[column] = pd.to_numeric(df[column], errors="coerce").fillna(-1).astype(int)
    df["doc_date"] = _doc_dates(df, documents)

    value = pd.to_numeric(df["value"], errors="coerce")
    lo, hi = bounds(value, df["qualifier"], df["precision"], df["low"], df["high"])
    down = (df["direction"].astype(str) == "down").to_numpy() if "direction" in df.columns else np.zeros(len(df), bool)
    positive = np.nan_to_num(value.to_numpy(dtype=float, na_value=np.nan), nan=0.0) > 0
    flip = down & positive
    df["value_num"] = np.where(flip, -value, value)
    df["lo"] = np.where(flip, -hi, lo)
    df["hi"] = np.where(flip, -lo, hi)
    df["mclass"] = measure_class(df["kind"], df["unit"])

    _resolve_metrics(df, lexicon)
    basis = df["period_basis"].str.lower()
    df["period_certain"] = (df["period"] != "") & (basis.isin(["explicit", "inherited", ""]))
    return df


def _fits_vector(lexicon: MetricLexicon, key: pd.Series, mclass: pd.Series) -> np.ndarray:
    """``_fits`` over whole columns: evaluated once per distinct (class, key class) pair."""
    classes = {k: metric_class(lexicon, k) for k in pd.unique(key) if k}
    level = pd.Series([classes.get(k, "") for k in key], index=key.index, dtype=object)
    pairs = pd.DataFrame({"m": mclass, "l": level})
    table = {(m, l): _fits(m, l) for m, l in pairs.drop_duplicates().itertuples(index=False, name=None)}
    return np.fromiter((table[p] for p in zip(pairs["m"], pairs["l"])), dtype=bool, count=len(pairs))


def _resolve_metrics(df: pd.DataFrame, lexicon: MetricLexicon) -> None:
    phrases = pd.unique(df["metric"])
    matches = {p: lexicon.match(p) for p in phrases}
    phrase_key = df["metric"].map(lambda p: matches[p].key if matches[p] else "").astype(object)
    phrase_exact = df["metric"].map(lambda p: bool(matches[p] and matches[p].exact)).astype(bool)
    key = df["metric_key"].where(df["metric_key"] != "", phrase_key)
    key = key.where(key.map(lambda k: k in lexicon), "")
    certain = (key != "") & (key == phrase_key) & phrase_exact

    fits = _fits_vector(lexicon, key, df["mclass"])
    need = ~fits & df["mclass"].isin(["count", "percent", "pp", "growth"]).to_numpy() | (
        (key == "") & df["mclass"].str.startswith("money:")
    ).to_numpy()
    if need.any():
        rows = df.index[need]
        pairs = pd.DataFrame({"sentence": df.loc[rows, "sentence"], "mclass": df.loc[rows, "mclass"]})
        unique = pairs.drop_duplicates()
        found: dict[str, set[str]] = {}
        choice = {}
        for sentence, mclass in zip(unique["sentence"], unique["mclass"]):
            if sentence not in found:
                found[sentence] = {m.key for m in lexicon.find_all(sentence)}
            fitting = sorted(k for k in found[sentence] if _fits(mclass, metric_class(lexicon, k)))
            choice[(sentence, mclass)] = fitting[0] if len(fitting) == 1 else ""
        key.loc[rows] = [choice[(s_, m_)] for s_, m_ in zip(pairs["sentence"], pairs["mclass"])]
        certain.loc[rows] = False
    # a key that still does not fit the number is dropped
    ok = _fits_vector(lexicon, key, df["mclass"]) | (key == "").to_numpy() | df["mclass"].isin(
        ["year", "date", "ordinal", "duration", "other"]).to_numpy()
    key = key.where(ok, "")
    df["metric_key"] = key
    df["metric_certain"] = certain & (key != "")
