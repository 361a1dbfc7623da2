"""Score claim extraction against a hand-annotated gold JSONL (for users who annotate their own text).

Gold schema (one JSON object per line): ``id``, ``lang``, ``doc_date`` (``YYYY-MM-DD`` or null),
``text`` (one sentence or passage) and ``claims``: ``surface``, ``value`` (null for a range or a
date), ``low``/``high`` (ranges), ``unit``, ``qualifier``, ``kind``, ``metric``, ``period`` and
optionally ``direction`` ('down' lets a negative predicted value match).

Matching, per gold sentence: a prediction matches a gold claim when its surface overlaps the gold
surface (containment, or at least 60 % shared characters after NFKC and traditional→simplified),
is not longer than twice the gold surface plus six characters, and has the same value (relative
tolerance 1e-6; ranges compare low and high; a gold date matches only a predicted date).  Over
the matched claims it reports qualifier, qualifier on non-exact gold claims, kind (``multiple`` /
``fraction`` count as ``ratio``), unit (for %, pp and yuan only), metric (containment or 60 %
shared characters) and period (exact string) accuracy.

Trust attributes (issue 12), scored when a gold claim carries them (``tests/data/trust_dev.jsonl``
and its README give the conventions):

``metric_key``   exact key, '' included (a key where the gold says none is wrong)
``ref_period``   the claim's own period (``2023``, ``2023-12``, ``2021/2025``); for a prediction that
                 writes a change as ``base/ref`` the part after the base
``period_type``  point | interval | ''      ``granularity``  year, month, … (``claims.record``)
``period_full``  ref_period, period_type and granularity all right (the headline period accuracy)
``area``         area code (gold ``null`` = not scored)
``change``       level | abs_change | rel_change | pp_change     ``base_period``  the base of a change

A gold item may add ``title``, ``context`` (lines before the sentence's paragraph: a heading) and
``before`` (the text of the paragraph before the sentence); they are put before ``text`` in the
document and only claims inside ``text`` count.
Items with ``planted`` hold a planted wrong figure; :func:`factlib.run.planted.planted_report` says what the checks
make of them.

>>> gold = [{"id": "g1", "lang": "zh-Hans", "doc_date": None, "text": "网民规模达10.67亿人。",
...          "claims": [{"surface": "10.67亿人", "value": 1067000000, "unit": "人", "qualifier": "exact",
...                      "kind": "count", "metric": "网民规模", "period": ""}]}]
>>> evaluate(gold).f1
1.0
"""
from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Score", "evaluate", "load_gold", "ATTRIBUTES", "TRUST_ATTRIBUTES", "gold_document"]

ATTRIBUTES = ("qualifier", "qual_nonexact", "kind", "unit", "metric", "period")
TRUST_ATTRIBUTES = ("metric_key", "ref_period", "period_type", "granularity", "period_full", "area", "change",
                    "base_period")
_KIND = {"multiple": "ratio", "fraction": "ratio", "ratio": "ratio"}
_UNIT = {"%": "%", "％": "%", "percent": "%", "pp": "pp", "个百分点": "pp", "percentage point": "pp",
         "元": "yuan", "cny": "yuan", "yuan": "yuan", "rmb": "yuan", "hkd": "yuan", "twd": "yuan", "mop": "yuan",
         "港元": "yuan", "新台币": "yuan", "新臺幣": "yuan", "澳门元": "yuan"}


def _norm(s: str | None) -> str:
    from factlib.vocab.t2s import to_simplified

    return to_simplified(unicodedata.normalize("NFKC", s or "")).strip()


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _overlap(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return sum((Counter(a) & Counter(b)).values()) / max(1, min(len(a), len(b))) >= 0.6


@dataclass
class Score:
    """Counts and accuracies of one evaluation run."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float | None:
        n = self.total[attribute]
        return self.correct[attribute] / n if n else None

    def table(self, show: int = 0) -> str:
        """The report printed by ``factlib evaluate`` (same layout as the shared score script)."""
        lines = []
        for k in ATTRIBUTES + TRUST_ATTRIBUTES:
            if self.total[k]:
                lines.append(f"{k:10s} {self.correct[k] / self.total[k]:.3f}  ({self.correct[k]}/{self.total[k]})")
        for m in self.misses[:show]:
            lines.append(f"MISS {m}")
        for e in self.extras[:show]:
            lines.append(f"EXTRA {e}")
        lines.append(f"sentences={self.total['sentences']} tp={self.tp} fp={self.fp} fn={self.fn} "
                     f"precision={self.precision:.3f} recall={self.recall:.3f} F1={self.f1:.3f}")
        return "\n".join(lines)


def load_gold(path: str | Path) -> list[dict]:
    """The gold sentences of a JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_document(g: dict):
    """The document of one gold item and the offset where its ``text`` starts (after ``context``)."""
    from factlib.documents.load import document_from_text

    context = [c for c in g.get("context") or () if c]
    head = "".join(c + "\n" for c in context) + (g.get("before") or "")
    doc = document_from_text(head + g["text"], id=str(g["id"]), date=g.get("doc_date"), lang=g.get("lang"),
                             title=g.get("title"))
    return doc, len(head)


def _predict(gold: list[dict], extractor) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for g in gold:
        doc, offset = gold_document(g)
        out[str(g["id"])] = [c.to_record() for c in extractor.extract(doc) if c.start >= offset]
    return out


def _own_period(p: dict) -> str:
    period, base = p.get("period") or "", p.get("base_period") or ""
    if base and period.startswith(base + "/"):
        return period[len(base) + 1:]
    return period


def _matches(p: dict, c: dict) -> bool:
    ptxt = p.get("surface") or ""
    gs = c.get("surface") or ""
    if not ptxt or len(ptxt) > 2 * len(gs) + 6:
        return False
    a, b = _norm(ptxt), _norm(gs)
    if not (a in b or b in a or _overlap(a, b)):
        return False
    gv = c.get("value")
    if c.get("kind") == "date" and gv is None:
        return p.get("kind") == "date"
    if gv is not None:
        return _close(p.get("value"), gv) or (c.get("direction") == "down" and _close(p.get("value"), -float(gv)))
    return _close(p.get("low"), c.get("low")) and _close(p.get("high"), c.get("high"))


def evaluate(gold: Iterable[dict], extractor=None, predictions: dict[str, list[dict]] | None = None) -> Score:
    """Score ``extractor`` (default: the shipped one) or ready ``predictions`` on ``gold``."""
    gold = list(gold)
    if predictions is None:
        if extractor is None:
            from factlib.claims.extract import default_extractor

            extractor = default_extractor()
        predictions = _predict(gold, extractor)
    score = Score()
    score.total["sentences"] = len(gold)
    for g in gold:
        ps = list(predictions.get(str(g["id"]), []))
        used: set[int] = set()
        for c in g.get("claims", []):
            best = next((i for i, p in enumerate(ps) if i not in used and _matches(p, c)), None)
            if best is None:
                score.fn += 1
                score.misses.append((g["id"], c.get("surface"), c.get("value"),
                                     [(p.get("surface"), p.get("value")) for p in ps]))
                continue
            used.add(best)
            score.tp += 1
            p = ps[best]
            if "qualifier" in c:
                _tally(score, "qualifier", p.get("qualifier") == c.get("qualifier"))
                if c.get("qualifier") != "exact":
                    _tally(score, "qual_nonexact", p.get("qualifier") == c.get("qualifier"))
            if "kind" in c:
                _tally(score, "kind", _KIND.get(p.get("kind"), p.get("kind")) == _KIND.get(c.get("kind"), c.get("kind")))
            gu = _UNIT.get((c.get("unit") or "").strip().lower())
            if gu:
                _tally(score, "unit", _UNIT.get((p.get("unit") or "").strip().lower()) == gu)
            if c.get("metric"):
                pm, gm = _norm(p.get("metric")), _norm(c.get("metric"))
                _tally(score, "metric", bool(pm) and (pm in gm or gm in pm or _overlap(pm, gm)))
            if c.get("period"):
                _tally(score, "period", (p.get("period") or "") == c["period"])
            _tally_trust(score, p, c)
        for i, p in enumerate(ps):
            if i not in used and g.get("complete", True):  # an item that annotates only some claims
                score.fp += 1
                score.extras.append((g["id"], p.get("surface"), p.get("value")))
    return score


def _tally_trust(score: Score, p: dict, c: dict) -> None:
    """The issue-12 attributes a gold claim carries (see the module docstring)."""
    if "metric_key" in c:
        _tally(score, "metric_key", (p.get("metric_key") or "") == (c["metric_key"] or ""))
    if "ref_period" in c:
        own = _own_period(p)
        ok_p = own == (c["ref_period"] or "")
        ok_t = (p.get("period_type") or "") == (c.get("period_type") or "")
        ok_g = (p.get("granularity") or "") == (c.get("granularity") or "")
        _tally(score, "ref_period", ok_p)
        _tally(score, "period_type", ok_t)
        _tally(score, "granularity", ok_g)
        _tally(score, "period_full", ok_p and ok_t and ok_g)
    if c.get("area") is not None and "area" in c:
        _tally(score, "area", (p.get("area") or "") == c["area"])
    if "change" in c:
        _tally(score, "change", (p.get("change") or "") == (c["change"] or ""))
    if "base_period" in c and c.get("change") not in (None, "", "level"):
        _tally(score, "base_period", (p.get("base_period") or "") == (c["base_period"] or ""))


def _tally(score: Score, attribute: str, ok: bool) -> None:
    score.total[attribute] += 1
    score.correct[attribute] += bool(ok)
