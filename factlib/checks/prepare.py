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
``change``               ``level``, ``abs_change``, ``rel_change``, ``pp_change`` (the extractor's, else
                         from the kind and direction) or ``''``; an absolute change gets the measure
                         class ``abs:<class>`` so that it never meets a level (减少139万人 is not a
                         population)
``own_period``           the claim's own period (``period`` without the base of a change)
``measure``              ``stock``, ``flow`` or ``event`` of the metric (lexicon), or ``''``
``ptype`` / ``gran``     point or interval, and the calendar unit, of the own period (the
                         extractor's ``period_type``/``granularity``, else read from the period)
``akey``                 the area figures are compared within: the claim's ``area`` (a claim naming
                         none takes its document's when the document's phrases name one area
                         only), else ``CN``
``area_certain``         the claim states its area (a frame without any area is read as national)
``period_certain``       the period is explicit, inherited, from context or a release convention,
                         or relative to a known document date, and the extractor noted no
                         ``period_doubt``
``doubt``                the first concrete doubt about the claim alone, in words (``''`` when none):
                         ``metric uncertain: “…”``, ``period uncertain: 年初 …``, ``area not stated``
``doc_date``             the document's date (from a ``doc_date`` column or ``documents=``)
``pkey``                 the period as figures are joined on (``official.period_key``: a stock
                         stated for a bare year is its year-end month)
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from factlib.claims.intervals import bounds
from factlib.claims.periods import period_granularity, period_type, split_base
from factlib.checks.columns import distinct, eq, map_distinct, ne, per_distinct, plain_strings, texts
from factlib.vocab.lexicon import MetricLexicon

__all__ = ["CLAIM_COLUMNS", "TRUST_COLUMNS", "CheckContext", "prepare_claims", "measure_class", "metric_class",
           "period_shape", "NATIONAL"]

#: the claims columns the checks read (issue 3); absent optional columns are filled empty
CLAIM_COLUMNS = (
    "doc_id", "claim_id", "sentence_id", "start", "end", "surface", "sentence", "value", "low",
    "high", "precision", "qualifier", "kind", "unit", "metric", "metric_key", "period",
    "period_basis", "lang",
)


#: the extractor's issue-12 columns the checks read when present (absent: filled empty)
TRUST_COLUMNS = ("period_type", "granularity", "period_doubt", "area", "area_basis", "change", "base_period")
#: the area of a figure that names none (the shipped reference is national)
NATIONAL = "CN"
#: words by which a sentence speaks of its own province, region or city (全省经济运行…): a national
#: area read from such a sentence is doubtful
SUBNATIONAL_SCOPE = ("全省", "全区", "全市", "全州", "全县", "本省", "本市", "我省", "我市", "我区", "全自治区")
_SCOPE = "(" + "|".join(SUBNATIONAL_SCOPE) + ")"
#: words by which a change spans several periods (累计, 与2000年相比, 十二五期间, 三年来)
_SPAN = (r"(累计|与\d{4}年相比|比\d{4}年|较\d{4}年|期间|以来|[两三四五六七八九十\d]+年来|近[两三四五六七八九十\d]+年"
         r"|过去[两三四五六七八九十\d]+年)")
_SCOPE_RE = re.compile(_SCOPE)
_SPAN_RE = re.compile(_SPAN)
#: period bases that make a period certain (unless the extractor noted a ``period_doubt``)
CERTAIN_BASES = ("explicit", "inherited", "context", "release", "")


def _unit_dimensions() -> dict[str, str]:
    """Unit code -> dimension, from ``data/units.csv`` (a missing or broken table raises TableError)."""
    from factlib.vocab.tables import read_table

    return {r["code"]: r["dimension"] for r in read_table("units", required=("code", "dimension"))}


_DIMENSIONS: dict[str, str] | None = None
_MONEY_WORDS = {"元": "CNY", "yuan": "CNY", "rmb": "CNY", "人民币": "CNY", "美元": "USD"}


def measure_class(kind: pd.Series, unit: pd.Series) -> pd.Series:
    """What kind of number each claim is, as a join key (see module docstring); worked out once
    per distinct (kind, unit)."""
    global _DIMENSIONS
    if _DIMENSIONS is None:
        _DIMENSIONS = _unit_dimensions()
    return pd.Series(per_distinct(_measure_class, texts(kind), texts(unit)), index=kind.index, dtype=object)


_CLASS_KINDS = {"year", "date", "ordinal", "rank", "duration", "other"}


def _measure_class(kind: str, unit: str) -> str:
    unit = _MONEY_WORDS.get(unit, unit)
    dim = _DIMENSIONS.get(unit, "")
    if kind in _CLASS_KINDS:
        return kind
    if kind in ("multiple", "fraction", "ratio"):
        return "ratio"
    if kind == "growth_rate":
        return "growth"
    if kind == "pp_change" or unit == "pp":
        return "pp"
    if unit == "‰":
        return "permille"
    if unit == "%" or kind == "percent":
        return "percent"
    if dim == "money":
        return "money:" + unit
    if dim not in ("", "count", "ratio", "money", "time", "age"):
        return dim + ":" + unit
    return "count"


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
    _arrays: dict | None = field(default=None, repr=False)

    @property
    def arrays(self) -> dict[str, np.ndarray]:
        """The claims' columns findings point into (``findings.claim_arrays``), made once."""
        if self._arrays is None:
            from factlib.checks.findings import claim_arrays

            self._arrays = claim_arrays(self.claims)
        return self._arrays

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
        # plain Python strings in object columns (iterating Arrow-backed strings is slow), one
        # object per distinct value
        df[column] = pd.Series(plain_strings(df[column], mostly_distinct=column == "claim_id"), index=df.index,
                               dtype=object)
    for column in ("start", "end", "sentence_id"):
        df[column] = pd.to_numeric(df[column], errors="coerce").fillna(-1).astype(int)
    df["doc_date"] = _doc_dates(df, documents)

    value = pd.to_numeric(df["value"], errors="coerce")
    lo, hi = bounds(value, df["qualifier"], df["precision"], df["low"], df["high"])
    direction = texts(df["direction"], "nan") if "direction" in df.columns else None
    down = (direction == "down") if direction is not None else np.zeros(len(df), bool)
    positive = np.nan_to_num(value.to_numpy(dtype=float, na_value=np.nan), nan=0.0) > 0
    flip = down & positive
    df["value_num"] = np.where(flip, -value, value)
    df["lo"] = np.where(flip, -hi, lo)
    df["hi"] = np.where(flip, -lo, hi)
    df["mclass"] = measure_class(df["kind"], df["unit"])

    _resolve_metrics(df, lexicon)
    _trust_columns(df, lexicon, direction)
    from factlib.checks.official import period_key

    df["pkey"] = period_key(df["period"], df["mclass"], df["measure"])
    return df


def period_shape(period: pd.Series, measure: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(point|interval, granularity) of own periods, read from the period and the metric's
    measure (``claims.periods``): ``2023-12`` of a stock is a month point, ``2023`` of a flow a
    year interval, ``2024-01/2024-09`` an interval of months."""
    p, m = texts(period, "nan"), texts(measure, "nan")  # as astype(str) reads them
    return (pd.Series(per_distinct(period_type, p, m), index=period.index, dtype=object),
            pd.Series(per_distinct(period_granularity, p), index=period.index, dtype=object))


def _trust_columns(df: pd.DataFrame, lexicon: MetricLexicon, direction: np.ndarray | None = None) -> None:
    """``change``, ``own_period``, ``measure``, ``ptype``, ``gran``, ``akey``, ``area_certain``,
    ``period_certain`` and ``doubt`` (see the module docstring)."""
    for column in TRUST_COLUMNS:
        values = plain_strings(df[column]) if column in df.columns else np.full(len(df), "", dtype=object)
        df[column] = pd.Series(values, index=df.index, dtype=object)
    if direction is None:  # (``texts`` of the claims' ``direction``, read once by prepare_claims)
        direction = np.full(len(df), "", dtype=object)
    # the change a claim states (the extractor's, else from its kind and direction) and its measure
    # class (an absolute change never meets a level), once per distinct tuple
    both = per_distinct(_change_and_class, df["change"].to_numpy(dtype=object), df["kind"].to_numpy(dtype=object),
                        direction, df["mclass"].to_numpy(dtype=object))
    df["change"] = pd.Series([b[0] for b in both] if len(both) < 1000 else _first(both), index=df.index, dtype=object)
    df["mclass"] = pd.Series([b[1] for b in both] if len(both) < 1000 else _second(both), index=df.index,
                             dtype=object)

    # object columns (an array assigned as it is would be inferred as Arrow-backed strings, which
    # every later per-value step turns back into a million Python strings)
    df["own_period"] = pd.Series(per_distinct(split_base, df["period"], df["base_period"]), index=df.index,
                                 dtype=object)
    keys = df["metric_key"]
    df["measure"] = pd.Series(per_distinct(lambda k: lexicon.measure(k) if k else "", keys), index=df.index,
                              dtype=object)
    ptype, gran = period_shape(df["own_period"], df["measure"])
    df["ptype"] = df["period_type"].where(ne(df["period_type"], ""), ptype)
    df["gran"] = df["granularity"].where(ne(df["granularity"], ""), gran)

    has_area = ne(df["area"], "")
    # a claim naming no area in a document whose own phrases name one area only is of that area
    named = df.loc[has_area & eq(df["area_basis"], "phrase"), ["doc_id", "area"]].drop_duplicates()
    single = named.groupby("doc_id")["area"].agg(lambda a: a.iloc[0] if len(a) == 1 else "")
    doc_area = pd.Series(map_distinct(dict(zip(single.index, single.to_numpy(dtype=object))), df["doc_id"]),
                         index=df.index, dtype=object)
    inherit = ~has_area & ne(doc_area, "")
    df.loc[inherit, "area"] = doc_area[inherit]
    df.loc[inherit, "area_basis"] = "document"
    has_area = ne(df["area"], "")
    df["akey"] = df["area"].where(has_area, NATIONAL)
    # a frame with no area at all comes from an extractor or a user that does not give areas: national
    df["area_certain"] = has_area | (not has_area.any())
    # a national area read from the sentence while the sentence speaks of a province or city
    national = (eq(df["area"], NATIONAL) & ne(df["area_basis"], "phrase")).to_numpy()
    scope = pd.Series("", index=df.index, dtype=object)
    if national.any():
        scope[national] = per_distinct(_first_scope, df["sentence"].to_numpy()[national])
    clash = pd.Series(national, index=df.index) & ne(scope, "")
    df.loc[clash, "area_certain"] = False

    # a change over several years (近三年累计下降10.08%, 2005年与2000年相比增长57.3%) read with a one-year period
    changes = df["change"].isin(["rel_change", "abs_change", "pp_change"]) & df["gran"].isin(["year", "month"])
    span = pd.Series("", index=df.index, dtype=object)
    if changes.any():
        rows = changes.to_numpy()
        span[rows] = per_distinct(_first_span, df["sentence"].to_numpy()[rows], df["surface"].to_numpy()[rows])
    several = changes & ne(span, "")
    doubt = df["period_doubt"].copy()
    if several.any():
        doubt[several] = per_distinct(lambda s: "“" + s + "”: a change over several periods read as one",
                                      span[several].to_numpy())
    basis = pd.Series(per_distinct(str.lower, df["period_basis"]), index=df.index, dtype=object)
    # a period read relative to the document's date (今年, 年末 in a dated release) is certain when
    # the date is known
    dated = eq(basis, "relative") & df["doc_date"].notna()
    # a period carried from the surrounding text (the year of an earlier sentence or a heading) is
    # certain only in a dated document: without a date, 今年/过去一年 between them cannot be
    # resolved (a report's 2011年是…开局之年。过去一年…国内生产总值增长10.3% speaks of 2010)
    undated_context = eq(basis, "context") & df["doc_date"].isna()
    df["period_certain"] = ne(df["period"], "") & ((basis.isin(CERTAIN_BASES) & ~undated_context) | dated) \
        & eq(doubt, "")
    # the first doubt in words, written once per distinct tuple of what it says
    metric_case = (ne(df["metric_key"], "") & ~df["metric_certain"]).to_numpy()
    period_case = (ne(df["period"], "") & ~df["period_certain"]).to_numpy() & ~metric_case
    area_case = ~df["area_certain"].to_numpy(dtype=bool) & ~metric_case & ~period_case
    out = np.full(len(df), "", dtype=object)
    if metric_case.any():
        out[metric_case] = per_distinct(_metric_doubt, df["metric"].to_numpy()[metric_case],
                                        df["metric_key"].to_numpy()[metric_case])
    if period_case.any():
        out[period_case] = per_distinct(_period_doubt, doubt.to_numpy()[period_case],
                                        df["period"].to_numpy()[period_case], basis.to_numpy()[period_case])
    if area_case.any():
        out[area_case] = per_distinct(_area_doubt, clash.to_numpy()[area_case], scope.to_numpy()[area_case],
                                      df["area"].to_numpy()[area_case])
    df["doubt"] = pd.Series(out, index=df.index, dtype=object)


def _change_and_class(change, kind, direction, mclass) -> tuple[str, str]:
    if change == "":
        if kind == "growth_rate":
            change = "rel_change"
        elif kind == "pp_change":
            change = "pp_change"
        elif kind in ("count", "amount") and direction in ("up", "down"):
            change = "abs_change"
        elif kind in ("count", "amount", "percent", "fraction", "multiple", "ratio"):
            change = "level"
    if change == "abs_change" and mclass not in ("pp", "growth", "percent"):
        mclass = "abs:" + mclass
    return change, mclass


def _first(pairs: np.ndarray) -> np.ndarray:
    return per_distinct(lambda p: p[0], pairs)


def _second(pairs: np.ndarray) -> np.ndarray:
    return per_distinct(lambda p: p[1], pairs)


_BASIS_WORDS = {"relative": "relative to an unknown date", "none": "not stated",
                "context": "carried from the surrounding text of a document without a date"}


def _metric_doubt(phrase: str, key: str) -> str:
    if phrase != "":
        return "metric uncertain: " + key + " read from “" + phrase + "”"
    return "metric uncertain: " + key + " guessed from the sentence"


def _period_doubt(doubt: str, period: str, basis: str) -> str:
    if doubt != "":
        return "period uncertain: " + doubt
    return "period uncertain: " + period + " is " + _BASIS_WORDS.get(basis, basis)


def _area_doubt(clash: bool, scope: str, area: str) -> str:
    if clash:
        return "area uncertain: “" + scope + "” in the sentence, area read as " + area
    return "area not stated (national assumed)"


def _fits_vector(lexicon: MetricLexicon, key: pd.Series, mclass: pd.Series) -> np.ndarray:
    """``_fits`` over whole columns: evaluated once per distinct (class, key) pair."""
    return per_distinct(lambda m, k: _fits(m, metric_class(lexicon, k) if k else ""), mclass, key, dtype=bool)


def _first_scope(sentence: str) -> str:
    m = _SCOPE_RE.search(sentence)
    return m.group(1) if m else ""


def _first_span(sentence: str, surface: str) -> str:
    """The first several-periods phrase before ``surface`` in ``sentence`` (``''`` if none)."""
    m = _SPAN_RE.search(sentence[:max(sentence.find(surface), 0)])
    return m.group(1) if m else ""


def _resolve_metrics(df: pd.DataFrame, lexicon: MetricLexicon) -> None:
    codes, first = distinct(df["metric"], by_identity=True)
    matches = [lexicon.match(p) for p in df["metric"].to_numpy()[first]]
    phrase_key = pd.Series(np.array([m.key if m else "" for m in matches] or [""], dtype=object)[codes],
                           index=df.index, dtype=object)
    phrase_exact = pd.Series(np.array([bool(m and m.exact) for m in matches] or [False], dtype=bool)[codes],
                             index=df.index, dtype=bool)
    key = df["metric_key"].where(ne(df["metric_key"], ""), phrase_key)
    key = key.where(per_distinct(lambda k: k in lexicon, key, dtype=bool), "")
    certain = ne(key, "") & eq(key, phrase_key) & phrase_exact

    fits = _fits_vector(lexicon, key, df["mclass"])
    need = ~fits & df["mclass"].isin(["count", "percent", "pp", "growth"]).to_numpy() | (
        eq(key, "") & per_distinct(lambda m: m.startswith("money:"), df["mclass"], dtype=bool)
    ).to_numpy()
    if need.any():
        rows = np.flatnonzero(need)  # (positions are labels: the frame's index was reset)
        sentences, classes = df["sentence"].to_numpy()[rows], df["mclass"].to_numpy()[rows]
        # the single fitting alias of each distinct (sentence, class), in order of first appearance
        codes, first = distinct(sentences, classes)
        found: dict[str, set[str]] = {}
        choice = np.empty(len(first), dtype=object)
        for i, (sentence, mclass) in enumerate(zip(sentences[first].tolist(), classes[first].tolist())):
            if sentence not in found:
                found[sentence] = {m.key for m in lexicon.find_all(sentence)}
            fitting = sorted(k for k in found[sentence] if _fits(mclass, metric_class(lexicon, k)))
            choice[i] = fitting[0] if len(fitting) == 1 else ""
        values = key.to_numpy(dtype=object, copy=True)
        values[rows] = choice[codes]
        key = pd.Series(values, index=key.index, name=key.name, dtype=object)
        flags = certain.to_numpy(dtype=bool, copy=True)
        flags[rows] = False
        certain = pd.Series(flags, index=certain.index, name=certain.name, dtype=bool)
    # a key that still does not fit the number is dropped
    ok = _fits_vector(lexicon, key, df["mclass"]) | eq(key, "").to_numpy() | df["mclass"].isin(
        ["year", "date", "ordinal", "duration", "other"]).to_numpy()
    key = key.where(ok, "")
    df["metric_key"] = key
    df["metric_certain"] = certain & ne(key, "")
