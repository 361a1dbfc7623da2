"""The README's JupyterLab session (docs/session.py) runs as written."""
from __future__ import annotations

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


def test_session_runs_and_plots_internet_users(monkeypatch):
    monkeypatch.chdir(ROOT)
    ns = runpy.run_path(str(ROOT / "docs" / "session.py"))
    claims, findings, timeline = ns["claims"], ns["findings"], ns["timeline"]
    assert set(claims["doc_id"].str[:3]) == {"000", "001", "002", "003", "004"}
    assert "10.67億人" in set(claims["surface"])
    assert set(findings["verdict"]) <= {"consistent", "contradicted", "unverifiable", "needs_review"}
    assert len(findings) > 0
    import matplotlib.pyplot as plt

    plt.close(timeline.figure)
    assert len(timeline.reference) > 0  # the official series is on the chart
    # the 10.67 亿 internet users of seed 003 is on the chart too
    assert claims.loc[claims["surface"] == "10.67億人", "metric_key"].iloc[0] == "internet_users"
    assert "10.67億人" in set(timeline.plotted["surface"])
