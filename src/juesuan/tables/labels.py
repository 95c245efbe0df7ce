"""How a label written on a form is compared: the same words however the software or the officer typed them.

Exports differ in full- and half-width characters, spaces used for indentation, numbering ("一、", "（一）",
"1."), quotes around 三公, and a trailing "：". `norm` strips all of that so "一、一般公共预算财政拨款收入" and
" 一般公共预算财政拨款收入 " compare equal; `nearest` suggests a known label for a mistyped one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|其中[:：]?|[:：])+"
)
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_SPACE = re.compile(r"\s+")


def norm(text: object) -> str:
    """A label reduced to its words: NFKC, no spaces, no quotes, no leading numbering, no trailing colon."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    value = _SPACE.sub("", value)
    value = _NUMBERING.sub("", value)
    return value.rstrip(":：")


def nearest(label: str, known: Iterable[str], n: int = 1) -> list[str]:
    """The known labels closest to `label` (for "是否想写：…"), best first."""
    known = list(known)
    by_norm = {norm(k): k for k in known}
    close = difflib.get_close_matches(norm(label), list(by_norm), n=n, cutoff=0.5)
    return [by_norm[c] for c in close]


def title_key(text: object) -> str:
    """A table title reduced for matching: `norm`, without a leading year and without a 表号 in brackets."""
    value = norm(text)
    value = re.sub(r"^\d{4}年度?", "", value)
    value = re.sub(r"[(（][^()（）]*表[^()（）]*[)）]$", "", value)
    return value
