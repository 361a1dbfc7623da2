"""Check `translation`: pairs of documents that translate each other, aligned claim by claim."""
import numpy as np
import pandas as pd
import pytest

import factlib
from checks_support import claim, frame, seed_fixture
from factlib.checks.prepare import prepare_claims
from factlib.checks.translation import find_pairs, name_key, signatures
from factlib.vocab.lexicon import default_lexicon

ZH, EN = "000_6795ef89a86ceb71", "002_a3bb30e09669c420"


def _run(claims):
    return factlib.check(claims, checks=["translation"])


def test_seed_pair_is_found_and_aligned():
    f = _run(seed_fixture())
    assert set(f.verdict) == {"consistent"}
    pairs = {tuple(ids) for ids in f.doc_ids}
    assert pairs == {(ZH, EN)}
    countries = f[f.explanation.str.contains("“22 countries”")]
    assert len(countries) == 1 and "“22 个国家”" in countries.iloc[0].explanation


def _mutate(claims, surface, value):
    # the number changes in the claim and in its sentence, as when the text itself was edited
    c = claims.copy()
    i = c.index[c.surface == surface][0]
    c.loc[i, ["value", "low", "high"]] = [value, value - 0.5, value + 0.5]
    old = surface.split()[0]
    c.loc[i, "surface"] = surface.replace(old, f"{value:g}", 1)
    c.loc[i, "sentence"] = c.loc[i, "sentence"].replace(surface, c.loc[i, "surface"], 1)
    return c


@pytest.mark.parametrize("surface,value", [("22 countries", 23.0), ("8 consecutive years", 9.0)],
                         ids=["22→23 countries", "8→9 years"])
def test_number_altered_in_translation_is_contradicted(surface, value):
    f = _run(_mutate(seed_fixture(), surface, value))
    bad = f[f.verdict == "contradicted"]
    assert len(bad) == 1 and f"“{surface.replace(surface.split()[0], f'{value:g}', 1)}”" in bad.iloc[0].explanation


def test_dropped_statistical_number_is_reported_not_put_up_for_review():
    # issue 12: a statistical number missing on one side is reported (unverifiable), not needs_review
    c = seed_fixture()
    c = c[c.surface != "22 countries"]
    f = _run(c)
    assert "needs_review" not in set(f.verdict) and "contradicted" not in set(f.verdict)
    dropped = f[f.verdict == "unverifiable"]
    assert len(dropped) == 1 and "“22 个国家”" in dropped.iloc[0].explanation
    assert "stated on one side only" in dropped.iloc[0].explanation


def test_unrelated_documents_are_not_paired():
    rows = [claim("zh", s, sentence=s, start=i, lang="zh-Hans") for i, s in enumerate(["3个", "5个", "7个"])]
    rows += [claim("en", s, sentence=s, start=i, lang="en") for i, s in enumerate(["4", "6", "8"])]
    assert _run(frame(*rows)).empty


def test_dates_align_by_day_even_without_the_year():
    c = prepare_claims(frame(
        claim("a", "9 月 26 日", value=None, kind="date", period="2021-09-26"),
        claim("b", "September 26", value=None, kind="date", period="", lang="en"),
    ), default_lexicon())
    sig = signatures(c)
    assert sig[0] == sig[1] == "date:09-26"


def test_pairs_require_same_date_when_known():
    c = prepare_claims(seed_fixture(), default_lexicon())
    c["sig"] = signatures(c)
    assert list(find_pairs(c).itertuples(index=False, name=None))[0][:2] == (ZH, EN)
    c.loc[c.doc_id == EN, "doc_date"] = pd.Timestamp("2020-01-01")
    assert find_pairs(c).empty


# --------------------------------------------------------------------------------------------
# real parallel news (NTREX-128, CC BY-SA 4.0: tests/data/translation_ntrex_cases.md), extracted
# as a user would; a number altered on one side as the mutation benchmark does

def _ntrex_cases() -> list[dict]:
    import json
    from pathlib import Path

    path = Path(__file__).parent / "data" / "translation_ntrex_cases.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check_ntrex(case: dict):
    from factlib.documents.load import document_from_text

    zh_lang = "zh-Hant" if case["lang"] == "zh-hant" else "zh-Hans"
    # ids that name the language pair the documents by name; others only by the numbers they share
    ids = (f"{case['id']}-zh", f"{case['id']}-en") if case["named"] else (f"{case['id']}-a", f"{case['id']}-b")
    docs = [document_from_text("\n".join(case["zh"]) + "\n", id=ids[0], lang=zh_lang),
            document_from_text("\n".join(case["en"]) + "\n", id=ids[1], lang="en")]
    return docs, factlib.check(factlib.claims_frame(docs), checks=["translation"], documents=docs)


@pytest.mark.parametrize("case", _ntrex_cases(), ids=lambda c: c["id"])
def test_ntrex_pairs(case):
    docs, f = _check_ntrex(case)
    bad = f[f.verdict == "contradicted"]
    assert len(f), "the two documents are paired and aligned"
    if case["expect"] == "none":
        assert bad.empty, list(bad.explanation)
        return
    alt = case["altered"]
    doc = docs[0] if alt["side"] == "zh" else docs[1]
    offset = sum(len(line) + 1 for line in case[alt["side"]][:alt["line"]])
    start = offset + case[alt["side"]][alt["line"]].index(alt["text"])
    end = start + len(alt["text"])
    hits = [expl for expl, ds, ss, es in zip(bad.explanation, bad.evidence_doc_ids, bad.evidence_starts,
                                             bad.evidence_ends)
            if any(d == doc.id and s < end and start < e for d, s, e in zip(ds, ss, es))]
    assert len(hits) == 1, (list(bad.explanation), list(f.explanation))


@pytest.mark.parametrize("doc_id,key", [
    ("r0-003-zh-hans", "r0-003"), ("r0-003-en", "r0-003"), ("report.zh", "report"), ("report.en", "report"),
    ("zh_report", "report"), ("zh-hant-ntrex-news", "ntrex-news"), ("zhang-en", "zhang"),
    ("English", ""), ("000_6795ef89a86ceb71", ""), ("en", ""), ("r0-003-a", ""),
], ids=lambda x: str(x))
def test_name_key(doc_id, key):
    assert name_key(doc_id) == key


def test_documents_named_as_translations_pair_without_shared_numbers():
    rows = [claim("report-zh", "2071年", sentence="2071年法案", lang="zh-Hans"),
            claim("report-en", "2017", sentence="The Act 2017", lang="en")]
    pairs = find_pairs(prepare_claims(frame(*rows), default_lexicon()).assign(sig=lambda c: signatures(c)))
    assert list(zip(pairs.zh_doc, pairs.en_doc)) == [("report-zh", "report-en")]
    # three documents of one name are not a named pair
    rows.append(claim("report-zh-hant", "2071年", sentence="2071年法案", lang="zh-Hant"))
    pairs = find_pairs(prepare_claims(frame(*rows), default_lexicon()).assign(sig=lambda c: signatures(c)))
    assert pairs.empty


def _copies(claims, k):
    """The claims of ``claims`` again under document ids ending in ``~r<k>`` (a replicated corpus)."""
    return claims.assign(doc_id=claims["doc_id"].astype(str) + f"~r{k}",
                         claim_id=claims["claim_id"].astype(str) + f"~r{k}")


def test_copies_of_a_pair_pair_copy_with_copy_and_find_the_same():
    # a corpus holding each document three times: each copy of the Chinese document pairs with one
    # copy of the English one (not every copy with every copy), and each pair finds what the
    # first does, with its own claims
    seed = seed_fixture()
    base = _run(seed)
    both = pd.concat([seed, _copies(seed, 1), _copies(seed, 2)], ignore_index=True)
    c = prepare_claims(both, default_lexicon())
    pairs = list(find_pairs(c.assign(sig=signatures(c)))[["zh_doc", "en_doc"]].itertuples(index=False, name=None))
    assert pairs == [(ZH, EN), (ZH + "~r1", EN + "~r1"), (ZH + "~r2", EN + "~r2")]
    f = _run(both)
    assert len(f) == 3 * len(base)
    for k in (1, 2):
        mine = f[[ids[0].endswith(f"~r{k}") for ids in f.claim_ids]]
        assert sorted(e.replace(f"~r{k}", "") for e in mine.explanation) == sorted(base.explanation)
        assert sorted(str(list(ids)).replace(f"~r{k}", "") for ids in mine.claim_ids) == sorted(
            str(list(ids)) for ids in base.claim_ids)
        assert all(d.endswith(f"~r{k}") for ids in mine.evidence_doc_ids for d in ids)


def test_a_copy_without_a_counterpart_copy_keeps_no_partner():
    seed = seed_fixture()
    extra = _copies(seed[seed["doc_id"] == ZH], 1)  # the Chinese document twice, the English once
    c = prepare_claims(pd.concat([seed, extra], ignore_index=True), default_lexicon())
    pairs = list(find_pairs(c.assign(sig=signatures(c)))[["zh_doc", "en_doc"]].itertuples(index=False, name=None))
    assert pairs == [(ZH, EN)]


@pytest.mark.parametrize("max_rows", [2_000_000, 40])
def test_shared_counts_on_coded_documents_and_signatures_are_those_on_the_texts(max_rows):
    # count_shared_chunked joins and groups integer codes of the documents, signatures and dates
    from factlib.checks.translation import _count_shared_chunked, count_shared_chunked

    rng = np.random.default_rng(7)
    n = 600
    lang = rng.choice(["zh", "en"], n)
    doc = np.array([f"{lg}-doc{d}" for lg, d in zip(lang, rng.integers(0, 12, n))], dtype=object)
    sigs = pd.DataFrame({
        "doc_id": doc, "lang": lang.astype(object), "sig": np.array([f"v:{v}" for v in rng.integers(0, 40, n)], dtype=object),
        "sid": rng.integers(0, 30, n), "pos": rng.random(n), "size": rng.integers(5, 50, n),
        "date": rng.choice(["", "2024-01-02", "2023-05-06"], n).astype(object), "freq": rng.integers(2, 6, n),
    })
    got, want = count_shared_chunked(sigs, max_rows), _count_shared_chunked(sigs, max_rows)
    assert len(want)
    pd.testing.assert_frame_equal(got, want, check_exact=True)


@pytest.mark.parametrize("shuffle", [False, True])
def test_signatures_of_copies_worked_out_once_are_those_of_every_document(shuffle, monkeypatch):
    # documents whose claims are the same but for their ids take the signature rows of the first of
    # them: the rows, fingerprints, pairs and findings are those of working out every document
    # (copies interleaved or not; a near copy, one value changed, is no copy)
    from factlib.checks import translation as tr

    seed = seed_fixture()
    near = _copies(seed, 3)
    near.loc[near.index[(near["doc_id"] == ZH + "~r3") & near["value"].notna()][1], "value"] += 1
    both = pd.concat([seed, _copies(seed, 1), _copies(seed[seed["doc_id"] == ZH], 2), near], ignore_index=True)
    if shuffle:  # the documents' rows interleaved, each document's in their order
        slots = np.random.default_rng(3).permutation(len(both))
        take = np.empty(len(both), dtype=np.int64)
        for rows in both.groupby("doc_id").indices.values():
            take[np.sort(slots[rows])] = rows
        both = both.iloc[take].reset_index(drop=True)
    c = prepare_claims(both, default_lexicon())
    narrow = c[[k for k in tr._PAIRING_COLUMNS if k in c.columns]]
    content = tr._content_copies(narrow)
    assert content is not None
    # ten documents, four distinct: the three of the seeds and the near copy
    assert len(content[1]) == 10 and len(set(content[4].tolist())) == 4
    rows_of, fps = tr._copied_signatures(narrow, *content)
    full = tr.doc_signatures(narrow)
    pd.testing.assert_frame_equal(fps, tr.doc_fingerprints(full), check_exact=True)
    pd.testing.assert_frame_equal(rows_of(None), full, check_exact=True)
    reps = tr.copy_representatives(fps)
    keep = reps.index[reps.index == reps.to_numpy()]
    pd.testing.assert_frame_equal(rows_of(keep), full[full["doc_id"].isin(keep)].reset_index(drop=True),
                                  check_exact=True)
    got, got_findings = find_pairs(narrow), _run(both)
    monkeypatch.setattr(tr, "_content_copies", lambda c: None)
    pd.testing.assert_frame_equal(got, find_pairs(narrow.assign(sig=signatures(narrow))), check_exact=True)
    want_findings = _run(both)
    assert len(got_findings) and got_findings["finding_id"].tolist() == want_findings["finding_id"].tolist()
    assert got_findings["explanation"].tolist() == want_findings["explanation"].tolist()


def test_documents_with_other_objects_than_strings_are_not_read_as_copies():
    from factlib.checks import translation as tr

    c = prepare_claims(pd.concat([seed_fixture(), _copies(seed_fixture(), 1)], ignore_index=True), default_lexicon())
    narrow = c[[k for k in tr._PAIRING_COLUMNS if k in c.columns]]
    assert tr._content_copies(narrow) is not None
    odd = narrow.assign(surface=narrow["surface"].where(narrow.index != 0, None))
    assert tr._content_copies(odd) is None


def test_signature_rows_dropped_and_counted_on_codes_are_those_of_pandas_on_the_texts():
    # doc_signatures drops repeated (document, signature, sentence) rows and counts each
    # document's distinct signatures on integer codes: the rows and sizes pandas gives on the texts
    from factlib.checks import translation as tr

    rng = np.random.default_rng(11)
    n = 3000
    docs = rng.integers(0, 40, n)
    lang = np.where(docs % 4 == 0, "en", "zh-Hans")
    lang[rng.random(n) < 0.1] = "en"  # a few claims in the other language
    value = rng.choice([1.0, 2.5, 10.0, 2024.0, 63.0, np.nan], n)
    c = pd.DataFrame({
        "doc_id": np.array([f"d{d}" for d in docs], dtype=object), "lang": lang.astype(object),
        "value_num": value, "lo": value - rng.choice([0.0, 1.0], n), "hi": value + rng.choice([0.0, 1.0], n),
        "kind": rng.choice(["count", "year", "percent"], n).astype(object), "surface": "x", "period": "",
        "sentence_id": rng.integers(0, 30, n), "start": rng.integers(0, 900, n), "doc_date": pd.NaT,
    })
    got = tr.doc_signatures(c)
    codes, names = tr.factorize(c["doc_id"].to_numpy(dtype=object))
    cc = c.assign(doc_id=codes).assign(sid=lambda f: tr.sentence_numbers(f))
    t = tr._pair_tokens(cc)
    t = t[t["lang"] != ""]
    counts = t.groupby(["doc_id", "lang"]).size().rename("n").reset_index()
    counts = counts.sort_values(["doc_id", "n", "lang"], ascending=[True, False, True]).drop_duplicates("doc_id")
    t = t[t["lang"] == t["doc_id"].map(counts.set_index("doc_id")["lang"])].drop_duplicates(["doc_id", "sig", "sid"])
    size = t["doc_id"].map(t.groupby("doc_id")["sig"].nunique()).astype("int64")
    assert len(got) == len(t) and got["sig"].tolist() == t["sig"].tolist() and got["sid"].tolist() == t["sid"].tolist()
    assert got["doc_id"].tolist() == list(np.asarray(names, dtype=object)[t["doc_id"].to_numpy()])
    assert got["size"].tolist() == size.tolist()


def test_document_frequency_on_codes_is_the_group_by_on_the_texts():
    from factlib.checks.translation import _doc_frequency

    rng = np.random.default_rng(5)
    n = 2000
    t = pd.DataFrame({"sig": np.array([f"v:{v}" for v in rng.integers(0, 90, n)], dtype=object),
                      "doc_id": np.array([f"d{d}" for d in rng.integers(0, 60, n)], dtype=object)})
    want = t.groupby("sig")["doc_id"].transform("nunique")
    got = _doc_frequency(t)
    assert np.asarray(got).dtype == want.dtype and np.asarray(got).tolist() == want.tolist()
    assert t.assign(freq=got)["freq"].dtype == t.assign(freq=want)["freq"].dtype
