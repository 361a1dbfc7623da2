"""Claims as JSON lines, fast: the bytes of ``json.dumps(claim.to_record(), ensure_ascii=False)``
without building a dict and an encoder per claim.

The line is a generated f-string (``{"doc_id": {E(f0)}, "claim_id": {E(f1)}, …}``) made once from the
fields of :class:`~factlib.claims.record.Claim` and their declared types: strings are encoded by
the json module's own string encoder (C), ints by ``int.__repr__`` and the decimals as the float
``to_record`` makes of them (``repr``, or ``NaN``/``Infinity`` as json writes them), None as
``null``.  A claim whose fields are not of the declared types falls back to ``json.dumps``, so
the output is always what ``json.dumps`` would print.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring  # the C encoder when available (ensure_ascii=False)

from factlib.claims.record import COLUMNS, Claim

__all__ = ["claim_line", "record_line", "write_jsonl", "write_records"]

def _kind(annotation) -> str:
    text = getattr(annotation, "__forward_arg__", annotation)  # NamedTuple keeps ForwardRefs
    text = str(text).replace(" ", "")
    if text == "str":
        return "str"
    if text == "int":
        return "int"
    if text in {"Decimal|None", "Decimal", "float|None", "float"}:
        return "number"
    return "other"


def _build():
    kinds = [_kind(Claim.__annotations__.get(name, "")) for name in COLUMNS]
    if "other" in kinds or any(c in name for name in COLUMNS for c in "{}'\\"):
        return None  # (a field name the f-string below would have to escape: not generated)
    names = [f"f{i}" for i in range(len(COLUMNS))]
    ints = [n for n, k in zip(names, kinds) if k == "int"]
    # a Decimal field as to_record + json.dumps write it, inline: None is null, else the float's repr,
    # with json's spellings of the three that are not finite (NaN, Infinity, -Infinity)
    number = '("null" if {0} is None else D.get(r := R(F({0})), r))'
    # the line as one f-string: its pieces are joined in one step (faster than '%' formatting)
    fields = []
    for name, n, k in zip(COLUMNS, names, kinds):
        value = {"str": f"E({n})", "int": f"I({n})", "number": number.format(n)}[k]
        fields.append(f"{encode_basestring(name)}: {{{value}}}")
    guard = " or ".join(f"type({n}) is not int" for n in ints) or "False"
    source = (
        f"def line(claim):\n"
        f"    {', '.join(names)}, = claim\n"
        f"    if {guard}:\n"
        f"        raise TypeError\n"
        f"    return f'{{{{{', '.join(fields)}}}}}\\n'\n"
    )
    scope = {"E": encode_basestring, "I": int.__repr__, "R": float.__repr__, "F": float,
             "D": {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}}
    exec(compile(source, "<factlib.claims.jsonl>", "exec"), scope)  # noqa: S102 (generated from COLUMNS)
    return scope["line"]


_LINE = _build()
#: the fields written as numbers (``to_record`` makes floats of them)
_NUMBERS = tuple(name for name in COLUMNS if _kind(Claim.__annotations__.get(name, "")) == "number")


def claim_line(claim: Claim) -> str:
    """One claim as a JSON line (with its newline), byte for byte ``json.dumps(claim.to_record(),
    ensure_ascii=False) + "\\n"``."""
    if _LINE is not None:
        try:
            return _LINE(claim)
        except (TypeError, ValueError):  # a field not of its declared type: the generic writer
            pass
    return json.dumps(claim.to_record(), ensure_ascii=False) + "\n"


def _write_lines(lines: Iterable[str], out, batch: int) -> int:
    """Write ``lines`` to the text stream ``out`` a few hundred per write; return how many."""
    n = 0
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if len(buf) >= batch:
            out.write("".join(buf))
            n += len(buf)
            buf.clear()
    if buf:
        out.write("".join(buf))
        n += len(buf)
    return n


def write_jsonl(claims: Iterable[Claim], out, batch: int = 256) -> int:
    """Write ``claims`` to the text stream ``out`` as JSON lines (a few hundred per write);
    return how many."""
    return _write_lines(map(claim_line, claims), out, batch)


def record_line(record: dict) -> str:
    """One claim record (a dict keyed by :data:`COLUMNS`, in order, as a claims frame's rows are)
    as a JSON line, byte for byte ``json.dumps(record, ensure_ascii=False) + "\\n"``: the fast
    template when every number is a float or None (an int would print without ``.0``) and the other
    fields are of their declared types, else ``json.dumps`` itself."""
    if _LINE is not None and tuple(record) == COLUMNS:
        if all(type(record[k]) is float or record[k] is None for k in _NUMBERS):
            try:
                return _LINE(tuple(record.values()))
            except (TypeError, ValueError):
                pass
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_records(records: Iterable[dict], out, batch: int = 256) -> int:
    """:func:`write_jsonl` for claim records (dicts, e.g. a claims frame's rows); return how many."""
    return _write_lines(map(record_line, records), out, batch)
