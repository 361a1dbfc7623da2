"""Shared fixtures: the repository's seeds and small helpers."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


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
