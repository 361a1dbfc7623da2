"""Shared fixtures: the repository's seeds and small helpers."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory):
    """The start-up cache (factlib/vocab/cache.py) of the test processes and of the commands they
    run: a folder of the session, never the user's ~/.cache."""
    before = os.environ.get("FACTLIB_CACHE_DIR")
    if before is None:
        os.environ["FACTLIB_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlib-cache"))
    yield
    if before is None:
        os.environ.pop("FACTLIB_CACHE_DIR", None)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_corpus():
    from factlib.documents.load import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_docs(seed_corpus):
    """Seed documents by their number prefix: seed_docs['003']."""
    return {d.id[:3]: d for d in seed_corpus}


@pytest.fixture(scope="module")
def client():
    """A Dask client on an in-process cluster of two one-thread workers, one per test module
    (the Dask engine's tests; they skip when distributed is not installed)."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()
