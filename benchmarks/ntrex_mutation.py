"""What the translation check catches and what it flags falsely, on real parallel news.

    .venv/bin/python benchmarks/ntrex_mutation.py [--shared /work/shared] [--lines 20] [--rounds 4] [--seed 0]
        [--cache DIR] [-v]

The NTREX-128 news files in ``<shared>/corpus`` (zh-Hans, zh-Hant and English, line-aligned
translations of the WMT19 test set; CC BY-SA 4.0) are cut into article-sized documents of
``--lines`` consecutive lines; each Chinese document has its English counterpart.  In every round
(zh-Hans in even rounds, zh-Hant in odd ones) one number per document pair is altered on one side
(the side and the number drawn with a seeded generator).  The files are named by article and
language (``r0-003-zh-hans``, ``r0-003-en``), as parallel files usually are; ``--no-names``
names them ``r0-003-a`` / ``r0-003-b``, so that only the numbers they share can pair them.  Only numbers written in digits that the
same line of the other language also states in digits are altered, so each one has a counterpart
to be compared with; a year (1800–2100) stays a year, and an altered value that the
counterpart line states anyway is drawn again (it would only move a number from one place to
another).  The value always changes, so no alteration is a mere change of notation.  The
alterations:

* ``digit``  one digit replaced by another (``281`` → ``261``),
* ``scale``  times or divided by ten (``3,000`` → ``30,000``; ``2.8`` → ``28``),
* ``swap``   two neighbouring different digits swapped (``1918`` → ``1981``).

The documents are written to a temporary folder, extracted and checked (all checks, shipped
reference) as a user would, and so are the unaltered documents.  An altered number is *caught*
when a ``contradicted`` finding's evidence covers it; every other ``contradicted`` finding is a
false alarm, unless the unaltered documents give it too (then it is listed apart: the NTREX
translation itself may be wrong there, as ``31 萬人次`` for ``3.1 million``).  Printed: pairs found,
caught / altered by kind of alteration and by side, false contradicted, needs_review as a share of
the claims, and every miss by its cause (``CAUSES``: not read by the extractor, documents not
paired, not aligned, put up for review, matched to an equal number, reported as stated on one
side only, left alone).  ``--cache DIR`` keeps the extracted claims of each round for the next
run (the checks are what one works on).  Targets (issue 12): caught ≥ 90 %, false contradicted
≤ 2, needs_review ≤ 5 %.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import factlib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_alarms import shared_dir  # noqa: E402

FILES = {"zh-hans": "zh-hans-ntrex-news.txt", "zh-hant": "zh-hant-ntrex-news.txt", "en": "en-ntrex-news.txt"}
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d])")
KINDS = ("digit", "scale", "swap")


@dataclass
class Mutation:
    doc: str          # file stem = doc id
    side: str         # "zh" or "en"
    kind: str         # the alteration actually made
    old: str
    new: str
    start: int        # offset of the new number in the altered document's text
    end: int
    old_start: int    # offset of the old number in the unaltered text
    partner_doc: str  # the other language's document and the offsets of the same number there
    partner_start: int
    partner_end: int


def _value(text: str) -> float:
    return float(text.replace(",", ""))


_DATE_NEAR = re.compile(r"^\s*[月日号號:：点點时時]|^(?:st|nd|rd|th)\b")
_DATE_BEFORE = re.compile(r"(?:[月:：]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s*$", re.I)


def digit_numbers(line: str) -> list[re.Match]:
    """Numbers written in digits, leaving out clock times and zero-padded codes (``08:00``,
    ``0800``)."""
    out = []
    for m in _NUMBER.finditer(line):
        text = m.group(0)
        if len(text) > 1 and text[0] == "0" and text[1] != ".":
            continue
        if line[m.end():m.end() + 1] in ":：" or line[max(m.start() - 1, 0):m.start()] in (":", "："):
            continue
        out.append(m)
    return out


def _in_date(line: str, m: re.Match) -> bool:
    value = _value(m.group(0))
    return (1800 <= value <= 2100 and float(value).is_integer()) or bool(
        _DATE_NEAR.match(line[m.end():]) or _DATE_BEFORE.search(line[:m.start()]))


def mutate_number(text: str, kind: str, rng: random.Random, in_date: bool = False) -> tuple[str, str]:
    """An altered spelling of the number ``text`` (never the same value) and the alteration made.
    Years and day numbers are not scaled (``20170``, ``9月290日`` are not plausible slips); a year
    (1800–2100) is altered in its last two digits only, so that it stays a year (``2017`` → ``2071``,
    not ``6017``, which no reader, and no extractor, takes for a year)."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if _is_year(text):
        digits = digits[-2:]
    if kind == "swap":
        spots = [i for i, j in zip(digits, digits[1:]) if j == i + 1 and text[i] != text[j]]
        if _is_year(text):
            spots = [i for i in spots if _value(text[:i] + text[i + 1] + text[i] + text[i + 2:]) <= 2199]
        spots = [i for i in spots if not (i == digits[0] and text[i + 1] == "0")]
        if spots:
            i = rng.choice(spots)
            return text[:i] + text[i + 1] + text[i] + text[i + 2:], "swap"
        kind = "digit"
    if kind == "scale" and not in_date:
        value = _value(text)
        decimals = len(text.split(".", 1)[1]) if "." in text else 0
        if rng.random() < 0.5 and (decimals > 0 or value >= 10 and text.replace(",", "").rstrip("0") != text.replace(",", "")):
            new_value, new_dec = value / 10, decimals + 1 if decimals else 0
        else:
            new_value, new_dec = value * 10, max(decimals - 1, 0)
        body = f"{new_value:,.{new_dec}f}" if "," in text else f"{new_value:.{new_dec}f}"
        if _value(body) != value:
            return body, "scale"
    i = rng.choice(digits)
    choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == 0 and len(text) > 1 and text[1].isdigit())]
    choices = [d for d in choices if not _is_year(text) or _value(text[:i] + d + text[i + 1:]) <= 2199]
    return text[:i] + rng.choice(choices) + text[i + 1:], "digit"


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def build_round(lines: dict[str, list[str]], variant: str, n_lines: int, rng: random.Random, out: Path,
                base: Path, tag: str, names: bool = True) -> tuple[list[Mutation], int]:
    """Write the documents of one round into ``out`` (altered) and ``base`` (unaltered); return the
    alterations and the number of document pairs.  ``names``: the file names carry the language
    (``r0-003-zh-hans``, ``r0-003-en``), else they do not (``r0-003-a``, ``r0-003-b``) and only
    the numbers can pair the documents."""
    zh_lines, en_lines = lines[variant], lines["en"]
    mutations = []
    pairs = 0
    for k in range(0, len(en_lines), n_lines):
        zh, en = zh_lines[k:k + n_lines], en_lines[k:k + n_lines]
        pairs += 1
        # candidate numbers: digits on one side whose value the same line of the other side states in digits
        cands = []
        for ln, (lz, le) in enumerate(zip(zh, en)):
            nz, ne = digit_numbers(lz), digit_numbers(le)
            for side, line, mine, other in (("zh", lz, nz, ne), ("en", le, ne, nz)):
                for m in mine:
                    partner = next((o for o in other if _value(o.group(0)) == _value(m.group(0))), None)
                    if partner is not None:
                        cands.append((side, ln, m, partner))
        doc = ({"zh": f"{tag}-{k // n_lines:03d}-{variant}", "en": f"{tag}-{k // n_lines:03d}-en"} if names
               else {"zh": f"{tag}-{k // n_lines:03d}-a", "en": f"{tag}-{k // n_lines:03d}-b"})
        texts = {"zh": list(zh), "en": list(en)}
        for side in ("zh", "en"):
            (base / f"{doc[side]}.txt").write_text("\n".join(texts[side]) + "\n", encoding="utf-8")
        if cands:
            side, ln, m, partner = rng.choice(cands)
            other = "en" if side == "zh" else "zh"
            line = texts[side][ln]
            stated = {_value(o.group(0)) for o in digit_numbers((zh if other == "zh" else en)[ln])}
            for _ in range(8):  # a value the counterpart line states anyway would only move a number
                new, kind = mutate_number(m.group(0), rng.choice(KINDS), rng, _in_date(line, m))
                if _value(new) not in stated:
                    break
            texts[side][ln] = line[:m.start()] + new + line[m.end():]
            offset = sum(len(x) + 1 for x in texts[side][:ln]) + m.start()
            p_off = sum(len(x) + 1 for x in texts[other][:ln]) + partner.start()
            mutations.append(Mutation(doc[side], side, kind, m.group(0), new, offset, offset + len(new), offset,
                                      doc[other], p_off, p_off + len(partner.group(0))))
        for side in ("zh", "en"):
            (out / f"{doc[side]}.txt").write_text("\n".join(texts[side]) + "\n", encoding="utf-8")
    return mutations, pairs


def extract(folder: Path, cache: Path | None = None):
    """The documents' texts and claims of ``folder`` (read from ``cache`` when it exists, written
    there otherwise: the extraction is the slow part, the checks are what changes)."""
    import pickle

    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    docs = factlib.load_corpus(str(folder))
    claims = factlib.claims_frame(docs)
    out = ({d.id: d.text for d in docs}, {d.id: d.date for d in docs}, claims)
    if cache is not None:
        cache.write_bytes(pickle.dumps(out))
    return out


def run_checks(folder: Path, cache: Path | None = None):
    texts, dates, claims = extract(folder, cache)
    findings = factlib.check(claims, reference=factlib.load_reference(), documents=dates)
    return texts, dates, claims, findings


def _covers(claims, doc: str, start: int, end: int) -> bool:
    c = claims[claims["doc_id"] == doc]
    return bool(((c["start"] <= start) & (c["end"] >= end)).any())


def _spans(f) -> list[tuple[str, int, int]]:
    """A finding's evidence spans ``(doc_id, start, end)`` (the flat evidence columns)."""
    return list(zip(f["evidence_doc_ids"], f["evidence_starts"], f["evidence_ends"]))


def _key(f, texts: dict[str, str]) -> tuple:
    return (f["check"], tuple(sorted(texts[d][s:e] + "@" + d for d, s, e in _spans(f))))


#: why an altered number was not caught, in the order they are tested
CAUSES = {
    "not read": "the extractor reads no claim at the number (altered or original) or at its counterpart",
    "unpaired": "the two documents were not paired as translations",
    "not compared": "paired, but too few sentences share numbers to align the documents",
    "review": "a needs_review finding covers it",
    "matched": "a consistent finding covers it (it met an equal number)",
    "one side": "reported unverifiable (stated on one side only: its sentence is unaligned or has no counterpart)",
    "left alone": "no finding covers it (a number the check does not compare)",
}


def _cause(m: Mutation, claims, base_claims, findings, paired: set) -> str:
    if not (_covers(claims, m.doc, m.start, m.end) and _covers(base_claims, m.doc, m.old_start, m.old_start + len(m.old))
            and _covers(base_claims, m.partner_doc, m.partner_start, m.partner_end)):
        return "not read"
    if tuple(sorted((m.doc, m.partner_doc))) not in paired:
        return "unpaired"
    tr = findings[findings["check"] == "translation"]
    if not any(set(d) == {m.doc, m.partner_doc} for d in tr["doc_ids"]):
        return "not compared"
    verdicts = {f["verdict"] for _, f in tr.iterrows()
                if any(d == m.doc and s < m.end and m.start < e for d, s, e in _spans(f))}
    for verdict, cause in (("needs_review", "review"), ("consistent", "matched"), ("unverifiable", "one side")):
        if verdict in verdicts:
            return cause
    return "left alone"


def evaluate(folder: Path, base: Path, mutations: list[Mutation], cache: Path | None = None):
    """Check the altered and the unaltered documents; classify the contradicted findings and the
    misses."""
    from factlib.checks.prepare import prepare_claims
    from factlib.checks.translation import find_pairs, signatures
    from factlib.vocab.lexicon import default_lexicon

    texts, dates, claims, findings = run_checks(folder, cache and cache.with_suffix(".altered.pkl"))
    for m in mutations:  # the offsets are those of the loaded text
        assert texts[m.doc][m.start:m.end] == m.new, (m, texts[m.doc][m.start - 5:m.end + 5])
    base_texts, _, base_claims, base_findings = run_checks(base, cache and cache.with_suffix(".base.pkl"))
    before = {_key(f, base_texts) for _, f in base_findings[base_findings["verdict"] == "contradicted"].iterrows()}
    read = {k for k, m in enumerate(mutations)
            if _covers(base_claims, m.doc, m.old_start, m.old_start + len(m.old))
            and _covers(base_claims, m.partner_doc, m.partner_start, m.partner_end)}
    contra = findings[findings["verdict"] == "contradicted"]
    caught: set[int] = set()
    false, known = [], []
    for _, f in contra.iterrows():
        hit = False
        for doc, start, end in _spans(f):
            for k, m in enumerate(mutations):
                if doc == m.doc and start < m.end and m.start < end:
                    caught.add(k)
                    hit = True
        if not hit:
            (known if _key(f, texts) in before else false).append(f)
    prepared = prepare_claims(claims, default_lexicon(), dates)
    prepared["sig"] = signatures(prepared)
    found = find_pairs(prepared)
    pairs = {tuple(sorted(p)) for p in zip(found["zh_doc"], found["en_doc"])}
    causes = {k: _cause(m, claims, base_claims, findings, pairs) for k, m in enumerate(mutations) if k not in caught}
    return claims, findings, caught, read, false, known, pairs, causes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder (holds corpus/)")
    parser.add_argument("--lines", type=int, default=20, help="lines per document (default 20)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds (default 4: zh-Hans, zh-Hant, …)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", "-v", action="store_true", help="print every miss and false alarm")
    parser.add_argument("--no-names", action="store_true",
                        help="file names without the language (only the numbers can pair the documents)")
    parser.add_argument("--cache", type=Path,
                        help="folder for the extracted claims of each round (reused when present: for work on the checks)")
    args = parser.parse_args(argv)
    corpus = shared_dir(args.shared) / "corpus"
    lines = {k: (corpus / f).read_text(encoding="utf-8").splitlines() for k, f in FILES.items()}
    assert len({len(v) for v in lines.values()}) == 1, "the NTREX files must be line-aligned"
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    total = Counter()
    by_kind: dict[tuple, Counter] = {}
    by_cause: Counter = Counter()
    known_all = []
    t0 = time.perf_counter()
    for r in range(args.rounds):
        variant = "zh-hans" if r % 2 == 0 else "zh-hant"
        cache = args.cache / f"s{args.seed}-l{args.lines}-r{r}{'-anon' if args.no_names else ''}" if args.cache else None
        with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as tmp_base:
            mutations, n_pairs = build_round(lines, variant, args.lines, rng, Path(tmp), Path(tmp_base), f"r{r}",
                                             names=not args.no_names)
            claims, findings, caught, read, false, known, pairs, causes = evaluate(
                Path(tmp), Path(tmp_base), mutations, cache)
            lines_of = {}
            if args.verbose:  # the altered line and its counterpart, for the list of misses
                for k, m in enumerate(mutations):
                    text = (Path(tmp) / f"{m.doc}.txt").read_text(encoding="utf-8")
                    other = (Path(tmp) / f"{m.partner_doc}.txt").read_text(encoding="utf-8")
                    ln = text.count("\n", 0, m.start)
                    lines_of[k] = (text.splitlines()[ln], other.splitlines()[ln])
        n_review = int((findings["verdict"] == "needs_review").sum())
        right = sum(1 for a, b in pairs if a.split("-")[:2] == b.split("-")[:2])
        with_number = {tuple(sorted((m.doc, m.partner_doc))) for m in mutations}
        print(f"round {r} ({variant}): {n_pairs} document pairs, {len(with_number)} with a number to alter;"
              f" {len(pairs)} paired ({right} right, {len(pairs & with_number)} of those with a number); caught "
              f"{len(caught)}/{len(mutations)} altered numbers ({len(caught & read)}/{len(read)} of those read as"
              f" claims on both sides); {len(false)} false contradicted, {len(known)} also contradicted"
              f" unaltered; needs_review {n_review} of {len(claims)} claims")
        total.update(claims=len(claims), review=n_review, false=len(false), known=len(known),
                     altered=len(mutations), caught=len(caught), read=len(read), caught_read=len(caught & read),
                     pairs=len(with_number), paired=len(pairs & with_number))
        by_cause.update(causes.values())
        for k, m in enumerate(mutations):
            cnt = by_kind.setdefault((m.kind, m.side), Counter())
            cnt.update(altered=1, caught=k in caught, read=k in read, caught_read=k in caught and k in read)
            if args.verbose and k not in caught:
                print(f"  missed [{causes[k]}] {m.kind:5} {m.side} {m.doc}: {m.old} -> {m.new}")
                print(f"      {lines_of[k][0][:200]}\n      {lines_of[k][1][:200]}")
        if args.verbose:
            for f in false:
                print(f"  FALSE [{f['check']}] {f['explanation'][:300]}")
        known_all += known
    pct = lambda a, b: f"{100 * a / max(b, 1):.1f} %"  # noqa: E731
    print(f"\nall rounds ({time.perf_counter() - t0:.0f} s): {total['paired']}/{total['pairs']} pairs with a number"
          f" to alter found")
    print(f"  caught {total['caught']}/{total['altered']} = {pct(total['caught'], total['altered'])} of the altered"
          f" numbers; {total['caught_read']}/{total['read']} = {pct(total['caught_read'], total['read'])} of those the"
          f" extractor reads on both sides (target >= 90 %)")
    print(f"  false contradicted {total['false']} (target <= 2); {total['known']} more are contradicted in the"
          f" unaltered text too (listed below)")
    print(f"  needs_review {total['review']}/{total['claims']} = {pct(total['review'], total['claims'])} of claims"
          f" (target <= 5 %)")
    for key in sorted(by_kind):
        c = by_kind[key]
        print(f"  {key[0]:5} on {key[1]}: caught {c['caught']}/{c['altered']}, read both sides {c['caught_read']}/{c['read']}")
    print("  missed, by cause:")
    for cause, meaning in CAUSES.items():
        print(f"    {by_cause[cause]:4}  {cause:12} {meaning}")
    seen = set()
    for f in known_all:
        if f["explanation"] not in seen:
            seen.add(f["explanation"])
            print(f"  [unaltered text] {f['explanation'][:260]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
