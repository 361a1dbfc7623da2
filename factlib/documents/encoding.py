"""Turn the raw bytes of a file into text, naming the encoding that was found.

Order of evidence: magic numbers of binary formats (refused), byte-order marks,
UTF-16 without BOM (NUL-byte pattern), strict UTF-8, then the legacy CJK encodings
(GB18030 ⊃ GBK ⊃ GB2312, Big5) and cp1252, scored by how many decoded characters
are common Chinese characters.  A file that is almost UTF-8 but has broken bytes
is refused as invalid UTF-8 rather than guessed as something else.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

from factlib.vocab.tables import read_table

__all__ = ["DecodeError", "decode_bytes"]


class DecodeError(ValueError):
    """The bytes are not a text document we can read; ``str(e)`` says why."""


# (magic prefix, description) — formats that are certainly not text documents
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0", "OLE document (doc/xls)"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# a valid multi-byte UTF-8 sequence (2, 3 or 4 bytes)
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_SAMPLE = 1 << 16


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """Frequent Chinese characters in both scripts (from ``data/common_han.csv``)."""
    import opencc

    chars = "".join(row["chars"] for row in read_table("common_han", required=("chars",)))
    trad = opencc.OpenCC("s2t").convert(chars)
    return frozenset(chars) | frozenset(trad)


def _han_score(text: str) -> float:
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if not han:
        return 0.0
    common = _common_han()
    return sum(c in common for c in han) / len(han)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`DecodeError` with a reason."""
    if not raw or raw.isspace():  # (not raw.strip(): a copy of the whole file)
        raise DecodeError("empty file")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise DecodeError(f"binary file ({what}), not a text document")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(enc.replace("-sig", "")), enc
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {enc} after its byte-order mark at byte {e.start}") from None
    head = raw[:_SAMPLE]
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc is None:
            raise DecodeError("binary file (contains NUL bytes), not a text document")
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid {enc} at byte {e.start}") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        bad = e.start
    # Mostly-valid UTF-8 with a few broken bytes is damaged UTF-8, not a legacy encoding.
    high = len(_HIGH_BYTE.findall(head))
    in_utf8 = sum(len(m) for m in _UTF8_SEQ.findall(head))
    if high and in_utf8 / high >= 0.8:
        raise DecodeError(f"invalid UTF-8 at byte {bad} (the rest of the file is UTF-8)")
    return _legacy(raw, bad)


def _utf16_without_bom(head: bytes) -> str | None:
    even = head[0::2]
    odd = head[1::2]
    if not even or not odd:
        return None
    zeros_even = even.count(0) / len(even)
    zeros_odd = odd.count(0) / len(odd)
    # ASCII-heavy UTF-16 has NULs in every other byte; CJK UTF-16 has few NULs at all
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _legacy(raw: bytes, bad: int) -> tuple[str, str]:
    head = raw[:_SAMPLE]
    scored: list[tuple[float, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            sample = head.decode(enc, errors="strict") if len(raw) > _SAMPLE else raw.decode(enc)
        except UnicodeDecodeError as e:
            if len(raw) > _SAMPLE and e.start >= len(head) - 4:  # sample cut a character in two
                sample = head[: e.start].decode(enc, errors="ignore")
            else:
                continue
        scored.append((_han_score(sample), enc))
    high = len(_HIGH_BYTE.findall(head))
    if high and high / max(1, len(head)) < 0.02:
        scored.append((0.5, "cp1252"))  # a few accented letters in Western text
    for _, enc in sorted(scored, reverse=True):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, _name(enc, text)
    raise DecodeError(f"not valid UTF-8 (byte {bad}) and not GB18030/GBK, Big5 or cp1252 either")


def _name(enc: str, text: str) -> str:
    # GB18030 is a superset of GBK: name the narrower one when it suffices
    if enc == "gb18030":
        try:
            text.encode("gbk")
            return "gbk"
        except UnicodeEncodeError:
            return "gb18030"
    return enc
