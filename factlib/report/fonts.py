"""Make a CJK font available to matplotlib, on a fresh machine, without system fonts.

Chinese chart labels need a font with Han glyphs; matplotlib's bundled DejaVu Sans has
none and draws empty boxes ("Glyph ... missing from font(s) DejaVu Sans").  factlib
depends on the pip package ``noto-cjk-sans-otc`` (SIL Open Font License 1.1), which
ships Google's *Noto Sans CJK* Regular collection (one ``.ttc`` file with the SC, TC,
HK, JP and KR faces, so simplified and traditional text both render).  At chart time
:func:`register_cjk_fonts` adds that file to matplotlib's font manager; system fonts
(Debian ``fonts-noto-cjk``, installed by ``.ci/setup-browser`` as a fallback) are
used when the package is missing.

>>> families = register_cjk_fonts()          # doctest: +SKIP
>>> families[0]                              # doctest: +SKIP
'Noto Sans CJK SC'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["CJK_FAMILIES", "FontNotFound", "cjk_font_files", "cjk_rc", "register_cjk_fonts"]

#: Families tried in this order: simplified first (most of the corpus), then
#: traditional, then other CJK fonts a system may have.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)

# Where Debian puts fonts-noto-cjk (fallback when the pip package is missing).
_SYSTEM_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
)


class FontNotFound(RuntimeError):
    """No CJK font could be found: install ``noto-cjk-sans-otc`` (pip) or ``fonts-noto-cjk`` (apt)."""


def cjk_font_files() -> list[Path]:
    """Font files with CJK glyphs that exist on this machine, packaged font first."""
    files: list[Path] = []
    try:
        import noto_cjk_sans_otc  # the packaged Noto Sans CJK collection

        files.append(Path(str(noto_cjk_sans_otc.FONT_PATH)))
    except ImportError:  # pragma: no cover - depends on the environment
        pass
    files.extend(Path(p) for p in _SYSTEM_CANDIDATES)
    return [f for f in files if f.is_file()]


@lru_cache(maxsize=1)
def register_cjk_fonts() -> tuple[str, ...]:
    """Register the CJK font files with matplotlib; return the usable CJK family names.

    Idempotent and cheap after the first call.  Raises :class:`FontNotFound` when the
    machine has no CJK font at all.
    """
    from matplotlib import font_manager

    for path in cjk_font_files():
        font_manager.fontManager.addfont(str(path))
    known = {f.name for f in font_manager.fontManager.ttflist}
    families = tuple(name for name in CJK_FAMILIES if name in known)
    if not families:
        raise FontNotFound(
            "no CJK font found: `pip install noto-cjk-sans-otc` or `apt-get install fonts-noto-cjk`"
        )
    return families


def cjk_rc() -> dict[str, object]:
    """matplotlib rc settings that draw CJK text (use with ``matplotlib.rc_context``).

    The CJK family comes first, DejaVu Sans after it for symbols the CJK font lacks;
    matplotlib (≥ 3.6) falls back glyph by glyph along this list.
    """
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [*register_cjk_fonts(), "DejaVu Sans"],
    }
