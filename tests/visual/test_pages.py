"""Visual regression: chosen pages of the samples look as the approved images do, within a tolerance.

A failure writes the page as printed now and an image of the differing pixels next to each other in the
test's temporary folder; look at them, and if the change is wanted run `python tools/approve_pages.py NAME`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from juesuan.build import build
from juesuan.render.fonts import installed_families
from tests.support.pages import APPROVED, PAGES, TOLERANCE, difference, page_index, render_page

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not {"FandolFang", "FandolKai"} <= (installed_families() or set()),
                                reason="the approved images were drawn with the faces scripts/setup.sh installs")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    cache: dict[str, bytes] = {}

    def get(sample: str) -> bytes:
        if sample not in cache:
            out = tmp_path_factory.mktemp("visual")
            cache[sample] = build(ROOT / "data" / sample, out, ("pdf",), allow_errors=True).files[0].read_bytes()
        return cache[sample]

    return get


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_page_looks_as_approved(page, pdfs, tmp_path):
    approved_file = APPROVED / f"{page.name}.png"
    assert approved_file.is_file(), f"没有 {approved_file}：请运行 python tools/approve_pages.py {page.name}"
    pdf = pdfs(page.sample)
    actual = render_page(pdf, page_index(pdf, page))
    with Image.open(approved_file) as approved:
        changed, marks = difference(approved.convert("L"), actual)
    if changed > TOLERANCE:
        actual.save(tmp_path / f"{page.name}-now.png")
        marks.save(tmp_path / f"{page.name}-diff.png")
    assert changed <= TOLERANCE, (f"{page.name}：{changed:.2%} 的像素与认可的图不同（允许 {TOLERANCE:.2%}）；"
                                  f"现在的样子和差异见 {tmp_path}；确认无误后运行 python tools/approve_pages.py {page.name}")


def test_a_changed_page_is_caught():
    """The comparison itself: a page with one line of text moved is beyond the tolerance."""
    with Image.open(APPROVED / f"{PAGES[1].name}.png") as image:
        approved = image.convert("L")
    moved = Image.new("L", approved.size, 255)
    moved.paste(approved.crop((0, 0, approved.width, approved.height - 12)), (0, 12))
    assert difference(approved, moved)[0] > TOLERANCE
    assert difference(approved, approved.copy())[0] == 0
