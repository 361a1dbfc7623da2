"""From mentions to claims: mentions filed under logical sentences, spans mapped back to ``doc.text``,
and one :class:`~factlib.claims.record.Claim` built per claim mention (with its metric key)."""
from __future__ import annotations

from typing import Sequence

from factlib.claims.changes import change_of
from factlib.claims.mention import Mention
from factlib.claims.periods import period_granularity, period_type, split_base
from factlib.claims.patterns import CIRCLED, TERMINAL
from factlib.claims.record import Claim, claim_ids

__all__ = ["logical_sentences", "text_spans", "build_claims"]

_MAX_KEYS = 200_000


def continues(norm: str, ns: Sequence[int], ne: Sequence[int], si: int) -> bool:
    """Sentence ``si`` continues sentence ``si - 1`` (hard wrap or ';')."""
    a, b = ns[si - 1], ne[si - 1]
    if b <= a:
        return False
    last = norm[b - 1]
    gap = norm[b:ns[si]]
    if last == ";":
        return "\n" not in gap
    return last not in TERMINAL and gap.count("\n") == 1 and gap.strip() == ""


def logical_sentences(norm: str, ns: Sequence[int], ne: Sequence[int], sentences: list[int]) -> list[list[int]]:
    """``sentences`` (sorted indices) grouped into logical sentences: a sentence continues the
    previous one after a hard line break inside a sentence (1999 wire copy) or after ';' (the
    splitter cuts there, the clause goes on), also across claim-free sentences between them."""
    groups: list[list[int]] = []
    for si in sentences:
        if groups and si == groups[-1][-1] + 1 and continues(norm, ns, ne, si):
            groups[-1].append(si)
        elif groups and all(continues(norm, ns, ne, k) for k in range(groups[-1][-1] + 1, si + 1)):
            groups[-1].append(si)
        else:
            groups.append([si])
    return groups


def text_spans(doc, norm: str, todo: list[Mention]) -> list[tuple[int, int]]:
    """The span in ``doc.text`` of every mention of ``todo`` (one vectorised call where it can)."""
    offsets = doc.offsets
    if offsets.is_identity and len(doc.text) == len(norm):
        return [(it.s, it.e) for it in todo]
    if todo and all(it.e > it.s for it in todo):
        t_s, t_e = offsets.text_spans([it.s for it in todo], [it.e for it in todo])
        return list(zip(t_s.tolist(), t_e.tolist()))
    return [doc.text_span(it.s, it.e) for it in todo]


def _lexicon_key(lexicon, metric: str) -> str:
    try:
        return lexicon.key_for(metric) or ""
    except Exception:  # a user lexicon must not break extraction
        return ""


def build_claims(doc, norm: str, todo: list[Mention], spans: list[tuple[int, int]], lexicon,
                 keys: dict[str, str]) -> list[Claim]:
    """One claim per mention of ``todo`` (``spans``: their spans in ``doc.text``, ``it.sentence``
    the sentence of each); ``keys`` caches
    the lexicon key of each metric phrase across documents (bounded)."""
    if len(keys) > _MAX_KEYS:
        keys.clear()  # bounded: a long batch of varied text must not grow it without end
    text = doc.text
    bounds = doc.sentence_bounds
    ts_arr, te_arr = bounds.text_starts, bounds.text_ends
    doc_id, lang = doc.id, doc.lang
    out: list[Claim] = []
    last_si, sent_text = -1, ""
    make = tuple.__new__
    for it, (ts, te), cid in zip(todo, spans, claim_ids(doc_id, spans)):
        surface = text[ts:te]
        # ① became '1' in norm: a list marker, not a number (a surface that is its norm
        # span unchanged holds no such character)
        if surface != norm[it.s:it.e] and CIRCLED.search(surface):
            continue
        metric = it.metric
        key = ""
        if metric:
            key = keys.get(metric)
            if key is None:
                key = keys[metric] = _lexicon_key(lexicon, metric)
        si = it.sentence
        if si != last_si:
            last_si = si
            sent_text = text[ts_arr[si]:te_arr[si]]
        change = change_of(it.kind, it.direction)
        base_period = it.base_period if change not in ("", "level") else ""
        own = split_base(it.period, base_period)
        # positional, in the order of Claim's fields (tuple.__new__ skips keyword handling)
        out.append(make(Claim, (
            doc_id, cid, si, ts, te, surface, sent_text,
            it.value, it.low, it.high, it.precision, it.qualifier, it.kind, it.unit, metric, key,
            it.period, it.basis if it.period else "none", lang, it.direction, it.unit_surface,
            period_type(own, lexicon.measure(key) if key else ""), period_granularity(own), "",
            "", "", change, base_period,
        )))
    return out
