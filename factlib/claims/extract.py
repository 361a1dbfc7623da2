"""Claim extraction: every numeric expression of a document, normalised, with metric and period.

Data flow for one document (all matching happens on ``doc.norm``; every span is mapped back to
``doc.text``), one module a stage::

    norm ─┬─ scan.py      non-claim mask (URLs, phones, ids, list markers …: one regex pass);
          │               dates, ordinals, fixed phrases; the number scan (one compiled regex:
          │               number, magnitude, 多/余, unit, 以上/左右 …), per match: qualifier before,
          │               第/百分之 prefixes, ranges, kind, value (dates.py: dates and years)
          ├─ finish.py    mentions filed under logical sentences (hard line breaks, ';')
          ├─ sentence.py  per sentence with claims: time words, then kinds, periods and metrics
          │               in reading order
          ├─ finish.py    spans mapped to ``doc.text``; one Claim per claim mention
          └─ context.py   per document, on the finished claims: periods from context, point or
                          interval, area, level or change (issue 12)

The working record of every stage is :class:`~factlib.claims.mention.Mention`; the speed tricks
(garbage-collector pause, cached parses, phrase finder, numpy grouping) are in ``speed.py``.
Vocabularies are data in ``factlib/data`` (units, qualifiers, cues, time words, non-claims,
lexicalised numerals, magnitudes, numerals); the regexes are generated from them.

>>> from factlib.documents.load import document_from_text
>>> doc = document_from_text("截至2022年12月，我国网民规模达10.67亿人，较2021年12月提升3.9个百分点。")
>>> [(c.surface, c.kind, c.period) for c in extract_claims(doc)]   # doctest: +NORMALIZE_WHITESPACE
[('2022年12月', 'date', '2022-12'), ('10.67亿人', 'count', '2022-12'),
 ('2021年12月', 'date', '2021-12'), ('3.9个百分点', 'pp_change', '2021-12/2022-12')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from factlib.claims.attribution import Attributor, default_attributor
from factlib.claims.context import resolve_claims
from factlib.claims.sentence import SentenceReader
from factlib.claims.finish import build_claims, logical_sentences, text_spans
from factlib.claims.mention import Mention
from factlib.claims.patterns import CLAUSE_ZH_CHARS
from factlib.claims.periods import TimeWords, default_time_words
from factlib.claims.record import Claim
from factlib.claims.scan import Scanner
from factlib.claims.speed import collector_paused, group_by_sentence
from factlib.documents.sentences import char_ends
from factlib.vocab.cues import CueTable, default_cues
from factlib.vocab.nonclaims import NonClaimRules, default_rules
from factlib.vocab.ordinals import Ordinals, default_ordinals
from factlib.vocab.qualifiers import QualifierTable, default_qualifiers
from factlib.vocab.units import UnitTable, default_units

__all__ = ["Extractor", "extract_claims", "default_extractor"]


class Extractor:
    """Extracts claims from documents.  Holds the compiled vocabularies (build once, reuse)."""

    def __init__(
        self,
        units: UnitTable | None = None,
        qualifiers: QualifierTable | None = None,
        cues: CueTable | None = None,
        time_words: TimeWords | None = None,
        rules: NonClaimRules | None = None,
        attributor: Attributor | None = None,
        lexicon=None,
        ordinals: Ordinals | None = None,
    ):
        self.units = units or default_units()
        self.qual = qualifiers or default_qualifiers()
        self.cues = cues or default_cues()
        self.tw = time_words or default_time_words()
        self.rules = rules or default_rules()
        self.attr = attributor or default_attributor()
        self.ordinals = ordinals or default_ordinals()
        self._lexicon = lexicon
        self._metric_keys: dict[str, str] = {}  # metric phrase -> lexicon key ("" for none)
        self.scanner = Scanner(self.units, self.qual, self.cues, self.tw, self.rules, self.ordinals)
        self.reader = SentenceReader(self.units, self.cues, self.tw, self.attr)

    @property
    def lexicon(self):
        if self._lexicon is None:
            from factlib.vocab.lexicon import default_lexicon

            self._lexicon = default_lexicon()
        return self._lexicon

    def extract(self, doc) -> list[Claim]:
        """All claims of ``doc`` in reading order.  Never raises on odd text."""
        norm = doc.norm
        if not norm:
            return []
        with collector_paused():
            items = self.scanner.scan(doc, norm)
            if not items:
                return []
            out = self._finish(doc, norm, items)
            del items  # freed now, not walked by the collection that switching it back on may start
            out = resolve_claims(doc, out)  # context periods, point/interval, area, level/change (issue 12)
        return out

    def _finish(self, doc, norm: str, items: list[Mention]) -> list[Claim]:
        """Read every logical sentence that holds a claim, then build the claims."""
        en = doc.lang == "en"
        bounds = doc.sentence_bounds
        ns, ne = bounds.norm_starts, bounds.norm_ends
        by_sent = group_by_sentence(ns, items)
        # Chinese: clause delimiters and time words found once for the whole document (neither can
        # span a sentence boundary), then sliced per sentence
        scans = None if en else (
            char_ends(norm, CLAUSE_ZH_CHARS),
            _spans_and_words(self.tw.zh.finditer(norm)),
        )
        # attribute sentence by sentence, then map every claim's span to ``text`` in one pass
        todo: list[Mention] = []
        for group in logical_sentences(norm, ns, ne, sorted(by_sent)):
            gitems = [it for si in group for it in by_sent[si]]
            if not any(it.is_claim for it in gitems):
                continue  # only period windows (11月份): nothing to attribute or report
            self.reader.read(doc, norm, ns[group[0]], ne[group[-1]], gitems, en, scans)
            for si in group:
                for it in by_sent[si]:
                    if it.is_claim:
                        it.sentence = si
                        todo.append(it)
        return build_claims(doc, norm, todo, text_spans(doc, norm, todo), self.lexicon, self._metric_keys)


_start, _end, _group = re.Match.start, re.Match.end, re.Match.group


def _spans_and_words(matches) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of each match, the tuples made in C (zip over maps)."""
    ms = list(matches)
    return list(zip(map(_start, ms), map(_end, ms), map(_group, ms)))


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """An extractor with the shipped vocabularies (cached)."""
    return Extractor()


def extract_claims(document) -> list[Claim]:
    """All numeric claims of ``document`` (a :class:`factlib.documents.load.Document`)."""
    return default_extractor().extract(document)
