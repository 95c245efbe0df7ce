"""File names made from what an officer typed (the unit name): one safe name, inside the output folder.

A unit name is data, and data may hold "/", "..", control characters or a "." that a suffix function would
cut at. The name is kept readable: the characters a file system forbids become their full-width forms
(／ ＼ ： ＊ ？ ＂ ＜ ＞ ｜), invisible characters go, and the result is one path component that never
starts with a dot and fits in a file name.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

FORMATS = {"docx": ".docx", "pdf": ".pdf", "html": ".html"}   # each writer's suffix (write/formats.py)
DEFAULT_FORMATS = ("docx", "pdf")
MAX_BYTES = 200                     # a file name may have 255 bytes; room for the suffix and temporaries
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in '/\\:*?"<>|'})


def safe_stem(text: str) -> str:
    """`text` as one readable file name without a suffix ("" only when nothing printable is left)."""
    text = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH)
    text = "".join(" " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c)[0] != "C")
    text = " ".join(text.split()).strip(". ")
    encoded = text.encode("utf-8")[:MAX_BYTES]
    return encoded.decode("utf-8", errors="ignore").rstrip(". ")


def output_path(out_dir: Path, stem: str, suffix: str) -> Path:
    """`out_dir/<safe stem><suffix>`: the suffix is appended, never substituted for what follows a dot."""
    return Path(out_dir) / (safe_stem(stem) + suffix)
