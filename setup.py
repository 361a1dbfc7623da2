"""Build hook: the wheel carries the report notebooks.

Users open the notebooks in the top-level ``notebooks/`` folder; the installed package needs them
too (``factlib report`` runs them from any folder).  The one copy is ``notebooks/*.ipynb``; this
hook copies it into ``factlib/notebooks/`` of the build, where
:func:`factlib.report.batch.notebooks_dir` looks first.  An editable install reads the checkout's
``notebooks/`` instead.  Everything else is declared in ``pyproject.toml``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


class build_py_with_notebooks(build_py):  # noqa: N801 (setuptools command naming)
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "factlib" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
            shutil.copy2(nb, target / nb.name)


setup(cmdclass={"build_py": build_py_with_notebooks})
