"""Cross-checking numeric claims: against official figures, across documents and translations,
part/whole, derived values and event dates.

``check(claims, reference=None, checks=None)`` returns a findings DataFrame with flat columns
(``FINDING_COLUMNS``): ``finding_id, check, verdict, claim_ids, doc_ids, metric_key, period,
observed_value, observed_low, observed_high, observed_text, expected_value, expected_low,
expected_high, expected_text, rel_diff, tolerance, explanation, evidence_doc_ids, evidence_starts,
evidence_ends``:

* ``verdict``: consistent | contradicted | unverifiable | needs_review;
* ``claim_ids`` / ``doc_ids``: lists; the evidence columns are lists parallel to ``claim_ids``
  (the document, start and end offset of each claim);
* ``observed_*`` / ``expected_*``: floats (``±inf`` for an open bound, NaN for unknown); ``*_text``:
  the quantity as the check states it (dates, counts of years), else None;
* ``rel_diff``: (observed − expected) / |expected|; ``tolerance``: the relative difference the
  stated precisions allow;
* ``finding_id``: stable across runs (a hash of the check, the claim ids and what was compared);
* ``explanation`` and the five list columns are rendered when read (dtypes ``lazy[text]`` and
  ``lazy[list]``, ``factlib.checks.lazy``): the frame holds integer positions and codes, and
  iterating, ``tolist``, ``.str``, CSV and parquet give the strings and lists;
  ``factlib.checks.lazy.materialize(findings)`` turns them into plain object columns.

``factlib.checks.findings.nested_records`` gives the nested view (``observed``/``expected`` dicts,
``evidence`` as ``[{doc_id, start, end}]``) that ``factlib check`` prints.

Checks are registered units (``register_check``); the built-in ones are imported here.
"""
from factlib.checks.registry import REGISTRY, Check, CheckRegistry, register_check
from factlib.checks.findings import FINDING_COLUMNS
from factlib.checks import official as _official  # noqa: F401  (registers "reference")
from factlib.checks import cross_document as _cross_document  # noqa: F401
from factlib.checks import translation as _translation  # noqa: F401
from factlib.checks import part_whole as _part_whole  # noqa: F401
from factlib.checks import derived as _derived  # noqa: F401
from factlib.checks import temporal as _temporal  # noqa: F401
from factlib.checks.runner import check

__all__ = ["check", "register_check", "REGISTRY", "Check", "CheckRegistry", "FINDING_COLUMNS"]
