"""Prime a report kernel while the corpus is still being loaded.

``factlib report`` starts its kernels *before* it loads, extracts and checks the corpus and
asks each to run :func:`warm_up` meanwhile (see :mod:`factlib.report.batch`), so the imports
every notebook needs (pandas, matplotlib, the checks, the HTML helpers) and the first chart's
one-off costs (the CJK font's glyph tables, matplotlib's date and text machinery) are paid on
the other core instead of in the first notebook.  Nothing is left in the user's namespace.
"""
from __future__ import annotations

import time

__all__ = ["WARM_SOURCE", "warm_up"]

#: the code a batch kernel runs (silently, without history) as soon as it is started
WARM_SOURCE = "import factlib.report.warm as _factlib_warm; _factlib_warm.warm_up(); del _factlib_warm"


def warm_up(chart: bool = True) -> float:
    """Import the report modules and draw one small chart off screen; return the seconds taken."""
    t0 = time.perf_counter()
    import io
    import pickle  # noqa: F401  (the batch's context arrives pickled)
    from datetime import date

    import pandas  # noqa: F401
    from IPython.display import HTML, Image, display  # noqa: F401

    import factlib.checks  # noqa: F401  (the pickled findings and claims use its types)
    import factlib.documents.load  # noqa: F401
    import factlib.report.context  # noqa: F401
    import factlib.report.html  # noqa: F401
    import factlib.report.params  # noqa: F401
    import factlib.report.record  # noqa: F401
    import factlib.report.views  # noqa: F401
    from factlib.report import charts

    if chart:
        import matplotlib.dates as mdates

        with charts.chart_context():
            fig, ax = charts._subplots((2, 1))
            ax.plot([date(2022, 1, 1), date(2023, 1, 1)], [1.0, 2.0], marker="x", label="官方数据 / official")
            ax.xaxis.set_major_locator(mdates.AutoDateLocator())
            ax.set_title("网民规模 / 網民規模")
            ax.legend(loc="best")
            fig.savefig(io.BytesIO(), format="png")
    return time.perf_counter() - t0
