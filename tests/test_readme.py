"""The README's JupyterLab session runs as written."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


def test_readme_session_block_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A JupyterLab session", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    ns: dict = {}
    exec(compile(code, "README.md", "exec"), ns)
    claims, findings, timeline = ns["claims"], ns["findings"], ns["timeline"]
    assert {"doc_id", "surface", "value", "metric_key", "period"} <= set(claims.columns)
    assert (claims["surface"] == "10.67億人").any()
    assert len(findings) > 0 and set(findings["verdict"]) <= {
        "consistent", "contradicted", "unverifiable", "needs_review"}
    assert len(timeline.reference) > 0
    import matplotlib.pyplot as plt

    plt.close("all")
