"""Rewrite the approved page images of the visual regression check (tests/visual/approved/).

Run after a change to the look has been reviewed — every changed page looked at, as the failing test's
images under its temporary folder show:

    python tools/approve_pages.py            # all chosen pages
    python tools/approve_pages.py mianzhu-toc beiguan-overview
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from juesuan.build import build  # noqa: E402
from tests.support.pages import APPROVED, PAGES, page_index, render_page  # noqa: E402


def main(names: list[str]) -> int:
    chosen = [p for p in PAGES if not names or p.name in names]
    unknown = set(names) - {p.name for p in PAGES}
    if unknown:
        print(f"未知页面：{', '.join(sorted(unknown))}（可选：{', '.join(p.name for p in PAGES)}）", file=sys.stderr)
        return 2
    APPROVED.mkdir(parents=True, exist_ok=True)
    pdfs: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for page in chosen:
            if page.sample not in pdfs:
                result = build(ROOT / "data" / page.sample, Path(tmp) / page.sample.replace("/", "-"), ("pdf",),
                               allow_errors=True)
                pdfs[page.sample] = result.files[0].read_bytes()
            index = page_index(pdfs[page.sample], page)
            render_page(pdfs[page.sample], index).save(APPROVED / f"{page.name}.png", optimize=True)
            print(f"{page.name}: 第 {index + 1} 页 → {APPROVED / (page.name + '.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
