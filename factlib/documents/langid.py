"""Language of a text by script statistics: zh-Hans, zh-Hant, en or mixed.

Chinese characters are counted against Latin words (a word carries about as much as a
character).  Among Chinese characters, those that OpenCC would change when converting
to simplified are traditional-only, and those it would change converting to
traditional are simplified-only; the larger group names the script.
"""
from __future__ import annotations

import re
from operator import ne
from functools import lru_cache

__all__ = ["detect_lang"]

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_SAMPLE = 20_000
_HAN_SAMPLE = 5_000  # Chinese characters compared for the script (plenty to tell the two apart)


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _script(han: str) -> str:
    from factlib.vocab.t2s import to_simplified

    han = han[:_HAN_SAMPLE]
    simp = to_simplified(han)
    trad_only = sum(map(ne, han, simp)) if len(simp) == len(han) else 0
    if not trad_only:
        return "zh-Hans"  # zh-Hant needs more traditional-only characters than simplified-only ones
    trad = _s2t().convert(han)  # OpenCC's s2t converter: a tenth of a second to build
    simp_only = sum(map(ne, han, trad)) if len(trad) == len(han) else 0
    return "zh-Hant" if trad_only > simp_only else "zh-Hans"


def detect_lang(text: str) -> str:
    sample = text[:_SAMPLE]
    han = "".join(_HAN.findall(sample))
    words = len(_WORD.findall(sample))
    if not han and not words:
        return "en" if sample.isascii() else "zh-Hans"
    if len(han) >= 3 * words:
        return _script(han)
    if words >= 3 * len(han):
        return "en"
    return "mixed"
