"""Chosen pages of the sample PDFs as small grey images, for the visual regression check.

A page is chosen by words printed on it rather than by number, so that a change which moves pagination
compares the same content (and fails loudly when the content moved, which is what a reviewer wants to see).
The approved images live in tests/visual/approved/; `python tools/approve_pages.py` rewrites them after a
reviewed change.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageChops
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
APPROVED = ROOT / "tests" / "visual" / "approved"
DPI = 40
INK = 96                 # a pixel differs when its grey level moved by more than this
TOLERANCE = 0.004        # share of a page's pixels that may differ (anti-aliasing, font hinting)


@dataclass(frozen=True)
class Page:
    name: str
    sample: str          # data file, relative to data/
    words: tuple[str, ...]   # all printed on the page (spaces and line breaks ignored)
    after: str = ""      # ...on the first such page after the page that prints this


PAGES = (
    Page("mianzhu-cover", "mianzhu-yibao/2024.yaml", ("公开时间",)),
    Page("mianzhu-toc", "mianzhu-yibao/2024.yaml", ("目录", "第一部分")),
    Page("mianzhu-totals", "mianzhu-yibao/2024.yaml", ("一、收入支出决算总体情况说明", "图1"), after="第二部分"),
    Page("mianzhu-three-public", "mianzhu-yibao/2024.yaml", ("七、财政拨款“三公”经费支出决算情况说明",), after="第二部分"),
    Page("mianzhu-table-1", "mianzhu-yibao/2024.yaml", ("收入支出决算总表", "单位：万元")),
    Page("mianzhu-evaluation", "mianzhu-yibao/2024.yaml", ("附件1", "一、部门整体基本情况")),
    Page("beiguan-overview", "beiguan-yibao/2021.yaml", ("第一部分",), after="目录"),
    Page("beiguan-self-evaluation", "beiguan-yibao/2021.yaml", ("项目支出绩效自评表",)),
)


def _flat(text: str) -> str:
    return "".join(text.split())


def page_index(pdf: bytes, page: Page) -> int:
    """The 0-based index of the page `page` describes; LookupError when no page prints its words."""
    texts = [_flat(p.extract_text() or "") for p in PdfReader(BytesIO(pdf)).pages]
    start = 0
    if page.after:
        start = next((i for i, t in enumerate(texts) if _flat(page.after) in t and i > 1), None)
        if start is None:
            raise LookupError(f"{page.name}: no page prints {page.after}")
    for i in range(start, len(texts)):
        if all(_flat(w) in texts[i] for w in page.words):
            return i
    raise LookupError(f"{page.name}: no page prints {page.words}")


def render_page(pdf: bytes, index: int) -> Image.Image:
    """Page `index` as a grey image at DPI dots per inch (poppler's pdftoppm, as a reviewer's viewer)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(index + 1), "-l", str(index + 1),
                        "-singlefile", str(source), str(Path(tmp) / "page")], check=True, timeout=60)
        with Image.open(Path(tmp) / "page.png") as image:
            return image.convert("L").copy()


def difference(approved: Image.Image, actual: Image.Image) -> tuple[float, Image.Image]:
    """The share of pixels whose grey level moved by more than INK, and an image marking them."""
    if approved.size != actual.size:
        return 1.0, actual
    diff = ImageChops.difference(approved, actual).point(lambda v: 255 if v > INK else 0)
    changed = sum(diff.histogram()[255:]) / (diff.width * diff.height)
    return changed, diff
