"""Numbers in the HTML a layout produces (rowspan, colspan, start, data-width-mm), read as browsers read them.

A template may write anything into an attribute; the PDF engine then does what a browser does (a value
that is not a number means the default, and spans are capped), and the DOCX writer must do the same or
the two formats would differ — or, worse, a colspan of a billion would exhaust memory.
"""

from __future__ import annotations

import re

_LEADING_NUMBER = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)")


def integer(value: str | None, default: int, low: int, high: int) -> int:
    """The attribute as a browser reads an integer: its leading digits, else `default`; within [low, high]."""
    found = _LEADING_NUMBER.match(value or "")
    if found is None:
        return default
    return min(max(int(float(found.group(1))), low), high)


def number(value: str | None, default: float, low: float, high: float) -> float:
    found = _LEADING_NUMBER.match(value or "")
    if found is None:
        return default
    return min(max(float(found.group(1)), low), high)
