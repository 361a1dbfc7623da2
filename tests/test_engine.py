"""The engine switch: Dask gives the same claims and findings as pandas, row for row.

Dask runs on one in-process LocalCluster (threads, two workers) shared by the module, so the
suite stays fast on two cores; partition counts vary so groups really cross partitions.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a Dask cluster per module: `make test-fast` leaves it out

from factlib.run import dask_engine  # noqa: E402
from factlib.run.local import check_frame, extract_frame, write_claims  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE = ROOT / "tests" / "data" / "corpus_sample"
CORPORA = {"seeds": [str(SEEDS)], "corpus_sample": [str(SAMPLE)], "both": [str(SAMPLE), str(SEEDS)]}


@pytest.fixture(scope="module")
def pandas_claims():
    return {name: extract_frame(paths) for name, paths in CORPORA.items()}


@pytest.fixture(scope="module")
def pandas_findings():
    return {name: check_frame(paths) for name, paths in CORPORA.items()}


CASES = [("seeds", 3), ("corpus_sample", 1), ("corpus_sample", 4), ("both", 7)]


@pytest.mark.parametrize("corpus,partitions", CASES, ids=[f"{n}-{p}parts" for n, p in CASES])
def test_dask_claims_equal_pandas_row_for_row(client, pandas_claims, corpus, partitions):
    expected = pandas_claims[corpus]
    got = extract_frame(CORPORA[corpus], engine="dask", scheduler=client, partitions=partitions)
    assert len(expected) > 50
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("corpus,partitions", CASES, ids=[f"{n}-{p}parts" for n, p in CASES])
def test_dask_findings_equal_pandas_row_for_row(client, pandas_findings, corpus, partitions):
    expected = pandas_findings[corpus]
    got = check_frame(CORPORA[corpus], engine="dask", scheduler=client, partitions=partitions)
    assert len(expected) > 20
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("check", ["cross_document", "part_whole", "derived", "translation", "reference",
                                   "temporal"])
def test_each_check_alone_matches(client, check):
    # one layout at a time, on the biggest sample, with more partitions than documents share
    paths = CORPORA["both"]
    expected = check_frame(paths, checks=[check])
    got = check_frame(paths, engine="dask", scheduler=client, partitions=5, checks=[check])
    pd.testing.assert_frame_equal(got, expected)


def test_translation_pairs_found_without_gathering_claims(client):
    # the NTREX excerpts are translations of each other; seeds 000 (dated) and 002 (undated) too
    ddf = dask_engine.extract_ddf(expand(CORPORA["both"]), 4)
    with dask_engine._no_string_conversion():
        pairs = dask_engine.translation_pairs(ddf)
    docs = set(pairs)
    assert {"ntrex-zh-hans-001", "ntrex-en-001"} <= docs or {"ntrex-zh-hant-001", "ntrex-en-001"} <= docs
    assert {"000_6795ef89a86ceb71", "002_a3bb30e09669c420"} <= docs
    assert pairs["000_6795ef89a86ceb71"] == pairs["002_a3bb30e09669c420"]


def expand(paths):
    from factlib.documents.load import expand_paths

    return expand_paths(paths)


def test_every_registered_check_has_a_layout():
    from factlib.checks import REGISTRY

    missing = [chk.name for chk in REGISTRY if chk.layout is None]
    assert not missing, f"declare a Dask layout for {missing}: register_check(name, layout=...)"


def test_a_check_without_layout_is_refused(client):
    def my_check(ctx):
        return ctx.empty_findings()

    with pytest.raises(ValueError, match="no Dask layout"):
        check_frame([str(SEEDS)], engine="dask", scheduler=client, checks=[my_check])


@pytest.mark.parametrize("n_files,partitions", [(5, None), (10, 3), (10, 10), (3, 8), (1, 1)],
                         ids=["default", "three", "one-each", "more-parts-than-files", "single"])
def test_partition_paths_contiguous_and_complete(tmp_path, n_files, partitions):
    files = []
    for i in range(n_files):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text("数" * (100 * (i + 1)), encoding="utf-8")
        files.append(str(p))
    chunks = dask_engine.partition_paths(files, partitions, workers=2)
    assert [p for c in chunks for p in c] == files
    assert all(chunks)
    if partitions:
        assert len(chunks) == min(partitions, n_files)


def test_load_errors_are_reported_by_both_engines(client, tmp_path):
    shutil.copy(SEEDS / "000_6795ef89a86ceb71.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    a = extract_frame([str(tmp_path)])
    b = extract_frame([str(tmp_path)], engine="dask", scheduler=client, partitions=2)
    pd.testing.assert_frame_equal(a, b)
    assert [Path(p).name for p, _ in a.attrs["errors"]] == ["empty.txt"]
    assert [Path(p).name for p, _ in b.attrs["errors"]] == ["empty.txt"]


def test_partitioned_parquet_has_the_same_claims(client, pandas_claims, tmp_path):
    out = tmp_path / "claims.parquet"
    n, errors = write_claims(CORPORA["both"], str(out), engine="dask", scheduler=client, partitions=4)
    assert errors == []
    files = sorted(out.glob("*.parquet"))
    assert len(files) == 4
    back = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    back = dask_engine.public(back)
    expected = pandas_claims["both"]
    assert n == len(expected)
    pd.testing.assert_frame_equal(back[["claim_id", "value", "surface"]], expected[["claim_id", "value", "surface"]])


def test_cli_dask_engine_prints_the_same_records(client, capsys):
    from factlib.cli import main

    address = client.scheduler.address
    assert main(["extract", str(SEEDS)]) == 0
    plain = capsys.readouterr().out
    assert main(["extract", str(SEEDS), "--engine", "dask", "--scheduler", address, "--partitions", "2"]) == 0
    dask_out = capsys.readouterr().out
    assert dask_out == plain
    assert main(["check", str(SEEDS)]) == 0
    plain_findings = capsys.readouterr().out
    assert main(["check", str(SEEDS), "--engine", "dask", "--scheduler", address]) == 0
    assert capsys.readouterr().out == plain_findings
    assert any(json.loads(line)["check"] == "translation" for line in plain_findings.splitlines())


def test_scheduler_without_dask_engine_is_an_error(capsys):
    from factlib.cli import main

    assert main(["extract", str(SEEDS), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_checks_run_from_partitioned_parquet(client, pandas_findings, tmp_path):
    import dask.dataframe as dd

    from factlib.figures.load import load_reference

    out = tmp_path / "claims.parquet"
    write_claims(CORPORA["both"], str(out), engine="dask", scheduler=client, partitions=3)
    with dask_engine._no_string_conversion():
        lazy = dask_engine.check_ddf(dd.read_parquet(str(out)), load_reference(), partitions=3)
        found = lazy.compute()
    pd.testing.assert_frame_equal(dask_engine.sort_findings(found), pandas_findings["both"])


def test_copies_pair_copy_with_copy_on_both_engines(client, tmp_path):
    # the seeds twice (the second time under other names): each copy of 000 pairs with one copy of
    # its translation 002, and the Dask engine picks the pairs the pandas check picks
    from factlib.checks.prepare import prepare_claims
    from factlib.checks.translation import find_pairs, signatures
    from factlib.vocab.lexicon import default_lexicon

    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
        shutil.copy(f, tmp_path / f"{f.stem}-copy{f.suffix}")
    paths = expand([str(tmp_path)])
    c = prepare_claims(extract_frame([str(tmp_path)]), default_lexicon())
    found = find_pairs(c.assign(sig=signatures(c)))
    expected = {("000_6795ef89a86ceb71", "002_a3bb30e09669c420"),
                ("000_6795ef89a86ceb71-copy", "002_a3bb30e09669c420-copy")}
    assert set(zip(found["zh_doc"], found["en_doc"])) == expected
    ddf = dask_engine.extract_ddf(paths, 3)
    with dask_engine._no_string_conversion():
        pairs = dask_engine.translation_pairs(ddf)
    assert {tuple(key[2:].split("\x1f")) for key in pairs.values()} == expected
