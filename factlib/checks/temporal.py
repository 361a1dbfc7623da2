"""Check ``temporal``: durations, anniversaries and edition numbers against dates and events.

The events are data (``factlib/data/events.csv``): a series row (when the event began, its names)
and one row per occurrence.  Only sentences naming an event are examined.

* an ordinal right before an event name (``第四届世界互联网大会``, ``the 4th World Internet
  Conference``) with a date or year in the same sentence: the edition's date must match;
* a duration in a sentence naming an event: ``自2014年以来…连续举办8年`` (2021), ``已走過9個年頭``
  (2023), ``10年来`` (2024) count years since the event began (inclusive or exclusive counting
  are both accepted); ``20周年`` is an exact anniversary; ``时隔17年`` is the gap since the previous
  occurrence (2016 → 1999).  The reference year is the nearest year stated before the duration in
  the sentence, or the document's date; a year only estimated from the document's own years can
  confirm but never contradict;
* a start year marked by 自/从/since or …以来/起 must be the year the event began.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from factlib.checks.columns import eq, per_distinct
from factlib.checks.prepare import CheckContext
from factlib.checks.findings import empty_findings, quote
from factlib.checks.intervals import Verdict
from factlib.checks.registry import register_check
from factlib.vocab.calendar import EN_MONTH_NAMES
from factlib.vocab.lexicon import normalize_phrase
from factlib.vocab.tables import read_table

__all__ = ["EventLexicon", "default_events", "claim_date"]


@dataclass(frozen=True)
class Occurrence:
    edition: int | None
    date: dt.date | None
    year: int
    status: str
    source: str


class EventLexicon:
    """Event series with their names and occurrences (from ``events.csv``)."""

    def __init__(self, rows) -> None:
        self.aliases: dict[str, str] = {}
        self.first_year: dict[str, int] = {}
        self.occurrences: dict[str, list[Occurrence]] = {}
        self.labels: dict[str, str] = {}
        for row in rows:
            key = row["event_key"].strip()
            date_text = row["date"].strip()
            year = int(date_text[:4])
            date = dt.date.fromisoformat(date_text) if len(date_text) == 10 else None
            if row["status"] == "series":
                self.first_year[key] = year
                names = [*row.get("aliases_zh", "").split("|"), *row.get("aliases_en", "").split("|")]
                for name in names:
                    if name.strip():
                        self.aliases[normalize_phrase(name)] = key
                self.labels[key] = names[0]
                continue
            edition = int(row["edition"]) if row["edition"].strip() else None
            self.occurrences.setdefault(key, []).append(
                Occurrence(edition, date, year, row["status"], row.get("source_name", ""))
            )
        self._names = sorted(self.aliases, key=len, reverse=True)

    def events_in(self, norm_text: str) -> list[str]:
        """Event keys named in a normalised text."""
        return sorted({self.aliases[n] for n in self._names if n in norm_text})

    def edition(self, key: str, number: int) -> Occurrence | None:
        return next((o for o in self.occurrences.get(key, []) if o.edition == number), None)

    def previous_year(self, key: str, year: int) -> int | None:
        """The latest year before ``year`` in which the event took place."""
        years = [o.year for o in self.occurrences.get(key, []) if o.status != "cancelled" and o.year < year]
        return max(years) if years else None

    def starts_with_name(self, norm_text: str) -> str | None:
        """The event whose name ``norm_text`` starts with (after a few filler characters)."""
        head = norm_text.lstrip(" 届次")[:40]
        for name in self._names:
            if head.startswith(name):
                return self.aliases[name]
        return None


@lru_cache(maxsize=1)
def default_events() -> EventLexicon:
    """The shipped event lexicon."""
    return EventLexicon(read_table("events", required=("event_key", "edition", "date", "status"),
                                   key=("event_key", "edition", "date")))


_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTHS = {m: i for i, m in enumerate(EN_MONTH_NAMES, start=1)}
_EN_DATE = re.compile(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


def claim_date(surface: str, period: str) -> dt.date | None:
    """The calendar date a date claim states (its ISO period, else parsed from the surface)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period or ""):
        return dt.date.fromisoformat(period)
    text = normalize_phrase(surface)
    m = _ZH_DATE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _EN_DATE.search(text)
        if m and m.group(1) in _MONTHS:
            return dt.date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    except ValueError:
        return None
    return None


_BASE_BEFORE = re.compile(r"(自|从|since|from)\s*$")
_BASE_AFTER = re.compile(r"^[^,.;，。；]{0,20}(以来|起|开始)")
_GAP = re.compile(r"(时隔|相隔|after a gap of|after)\s*$")
_DATE_TOLERANCE_DAYS = 3


#: the claim columns the temporal check reads
_COLUMNS = ("doc_id", "claim_id", "sentence_id", "start", "end", "surface", "sentence", "kind", "period", "value_num",
            "doc_date")


@register_check("temporal", layout="document")
def check_temporal(ctx: CheckContext) -> pd.DataFrame:
    """Durations, anniversaries and edition numbers against the event lexicon and dates."""
    events: EventLexicon = ctx.options.get("events") or default_events()
    c = ctx.claims
    kinds = c["kind"]
    # the columns the sentences are checked on, of the claims of those kinds (not a copy of the frame)
    mask = kinds.isin(["duration", "ordinal", "year", "date"]).to_numpy()
    relevant = c.loc[mask, [k for k in _COLUMNS if k in c.columns]]
    if relevant.empty:
        return empty_findings()
    sentences = pd.unique(relevant["sentence"])
    named = {s: events.events_in(normalize_phrase(s)) for s in sentences}
    relevant = relevant[per_distinct(lambda s: bool(named[s]), relevant["sentence"], dtype=bool)]
    if relevant.empty:
        return empty_findings()
    est_year = _estimated_doc_years(c)
    records = []
    for (doc, _sid), group in relevant.groupby(["doc_id", "sentence_id"], sort=True):
        records.extend(_check_sentence(group, events, named[group["sentence"].iloc[0]], est_year.get(doc)))
    if not records:
        return empty_findings()
    out = pd.DataFrame.from_records(records)
    return out


def _estimated_doc_years(c: pd.DataFrame) -> dict[str, int]:
    """The most frequent year each document states (ties: the latest) — a guess at when it was written."""
    y = c.loc[eq(c["kind"], "year"), ["doc_id", "value_num"]]
    y = y[np.isfinite(y["value_num"]) & (y["value_num"] > 1900) & (y["value_num"] < 2200)]
    counts = y.groupby(["doc_id", "value_num"]).size().rename("n").reset_index()
    best = counts.sort_values(["doc_id", "n", "value_num"], ascending=[True, False, False]).drop_duplicates("doc_id")
    return {d: int(v) for d, v in zip(best["doc_id"], best["value_num"])}


def _position(sentence: str, surface: str) -> int:
    pos = sentence.find(surface)
    return pos if pos >= 0 else 0


def _check_sentence(group: pd.DataFrame, events: EventLexicon, keys: list[str], est_year: int | None):
    sentence = group["sentence"].iloc[0]
    items = []
    for row in group.itertuples():
        pos = _position(sentence, row.surface)
        before = normalize_phrase(sentence[max(0, pos - 6):pos])
        after = normalize_phrase(sentence[pos + len(row.surface):])
        items.append((row, pos, before, after))
    items.sort(key=lambda t: t[1])
    doc_date = group["doc_date"].iloc[0]
    doc_year = int(doc_date.year) if pd.notna(doc_date) else None
    out = []
    years = [(r, p, b, a) for r, p, b, a in items if r.kind == "year" and np.isfinite(r.value_num)]
    dates = [(r, p) for r, p, _, _ in items if r.kind == "date"]
    base_years = [(r, p) for r, p, b, a in years if _BASE_BEFORE.search(b) or _BASE_AFTER.search(a)]
    stated_years = [(r, p) for r, p, b, a in years if (r, p) not in [(x, q) for x, q in base_years]]

    # 1. edition numbers right before an event name, against a date or year of the sentence
    for row, pos, before, after in items:
        if row.kind != "ordinal" or not np.isfinite(row.value_num):
            continue
        key = events.starts_with_name(after)
        occ = events.edition(key, int(row.value_num)) if key else None
        if occ is None:
            continue
        when = [(r, claim_date(r.surface, r.period)) for r, _ in dates]
        when = [(r, d) for r, d in when if d is not None]
        if len(when) == 1 and occ.date is not None:
            r, d = when[0]
            gap = abs((d - occ.date).days)
            verdict = Verdict.CONSISTENT if gap <= _DATE_TOLERANCE_DAYS else (
                Verdict.CONTRADICTED if d.year != occ.year else Verdict.NEEDS_REVIEW)
            out.append(_finding(verdict, [row, r], key, occ.date.isoformat(), d.isoformat(), occ.date.isoformat(),
                                f"{int(row.value_num)}", events, f"edition-date:{key}:{occ.edition}"))
        elif len(stated_years) == 1 and not when:
            r, _ = stated_years[0]
            y = int(r.value_num)
            verdict = Verdict.CONSISTENT if y == occ.year else Verdict.CONTRADICTED
            out.append(_finding(verdict, [row, r], key, str(occ.year), str(y), str(occ.year),
                                f"{int(row.value_num)}", events, f"edition-year:{key}:{occ.edition}"))

    # 2. the start year of a series
    for row, _pos in base_years:
        for key in keys:
            first = events.first_year.get(key)
            if first is None:
                continue
            y = int(row.value_num)
            verdict = Verdict.CONSISTENT if y == first else Verdict.CONTRADICTED
            out.append(_finding(verdict, [row], key, str(first), str(y), str(first), "", events, f"start:{key}"))

    # 3. durations and anniversaries
    for row, pos, before, after in items:
        if row.kind != "duration" or not np.isfinite(row.value_num) or len(keys) != 1:
            continue
        key = keys[0]
        d = row.value_num
        surface = normalize_phrase(row.surface)
        gap_mode = bool(_GAP.search(before)) or surface.startswith(("时隔", "相隔"))
        anniversary = "周年" in surface or "anniversary" in surface
        prior = [r for r, p in stated_years if p < pos]
        candidates: list[tuple[int, str]] = []
        if prior:
            candidates.append((int(prior[-1].value_num), "stated"))
        if doc_year:
            candidates.append((doc_year, "document"))
        if not candidates and est_year:
            candidates.append((est_year, "estimated"))
        if not candidates:
            continue
        explicit_base = int(base_years[0][0].value_num) if base_years else None
        results = []
        for y, how in candidates:
            base = events.previous_year(key, y) if gap_mode else (explicit_base or events.first_year.get(key))
            if base is None:
                continue
            elapsed = y - base
            if gap_mode or anniversary:
                allowed = {elapsed} if how == "stated" else {elapsed - 1, elapsed}
            else:
                allowed = {elapsed, elapsed + 1} if how == "stated" else {elapsed - 1, elapsed, elapsed + 1}
            miss = min(abs(d - a) for a in allowed)
            results.append((miss, how, base, allowed, y))
        if not results:
            continue
        best = min(results, key=lambda t: t[0])
        miss, how, base, allowed, y = best
        expected = "~".join(str(int(a)) for a in (min(allowed), max(allowed))) if len(allowed) > 1 else str(int(min(allowed)))
        if miss == 0:
            verdict = Verdict.CONSISTENT
        elif how == "estimated":
            verdict = Verdict.NEEDS_REVIEW
        else:
            verdict = Verdict.CONTRADICTED
        support = [r for r, p in stated_years if p < pos][-1:] + [r for r, _ in base_years][:1]
        out.append(_finding(verdict, [row, *support], key, f"{base}/{y}", _fmt(d), expected, "", events,
                            f"duration:{key}:{how}", basis=how))
    return out


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _finding(verdict, rows, key, period, observed, expected, edition, events, extra, basis=""):
    surfaces = "、".join(quote(r.surface) for r in rows)
    surfaces_en = ", ".join(quote(r.surface) for r in rows)
    doc = rows[0].doc_id
    label = events.labels.get(key, key)
    zh_v = {Verdict.CONSISTENT: "相符", Verdict.CONTRADICTED: "不符",
            Verdict.NEEDS_REVIEW: "不一致，需人工核对（参照年份不确定）"}[verdict]
    en_v = {Verdict.CONSISTENT: "consistent with", Verdict.CONTRADICTED: "contradicted by",
            Verdict.NEEDS_REVIEW: "at odds with (reference year uncertain; review)"}[verdict]
    basis_en = f" (reference year from the {basis} year)" if basis else ""
    return {
        "verdict": verdict,
        "claim_ids": [r.claim_id for r in rows],
        "doc_ids": [r.doc_id for r in rows],
        "metric_key": f"event:{key}",
        "period": period,
        "observed": {"value": _num(observed), "low": None, "high": None, "text": observed},
        "expected": _expected(expected),
        "rel_diff": np.nan,
        "tolerance": np.nan,
        "explanation": (
            f"文档 {doc} 的{surfaces}与事件表中“{label}”的记录（{period}，应为 {expected}）{zh_v}。"
            f" Document {doc}: {surfaces_en} is {en_v} the event table for {label} ({period}; expected"
            f" {expected}){basis_en}."
        ),
        "evidence": [{"doc_id": r.doc_id, "start": int(r.start), "end": int(r.end)} for r in rows],
        "id_extra": extra,
    }


def _expected(text: str) -> dict:
    if "~" in text:
        lo, hi = text.split("~")
        return {"value": None, "low": float(lo), "high": float(hi), "text": text}
    return {"value": _num(text), "low": None, "high": None, "text": text}


def _num(text: str):
    try:
        return float(text)
    except ValueError:
        return None
