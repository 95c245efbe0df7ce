"""PDF writer: the contract HTML, its assets and the theme stylesheets in, reproducible PDF bytes out.

Why it looks like this: a published report must not depend on the network or the machine's files, and
the same data must give the same file. So WeasyPrint may open only `asset:NAME` URLs handed in by the
build (fonts come from the system through fontconfig, except the layout's own files and the ASCII-only Latin
face, which `render.typography` hands over as assets for @font-face rules), the stylesheets are passed as CSS
objects (never through the HTML, where autoescaping would break `target-counter`), and the PDF dates come from
the caller instead of the clock. The layout's 排版 (`render.typography`) comes first as generated rules,
so the PDF has the same fonts, sizes, margins and page breaks as the DOCX, and the layouts' stylesheets
after it may override them. A table that would end with a few rows on a page of their own is set tighter
(`pdf_spills`) and the part that holds it laid out once more (`pdf_relayout`; the whole document when that
cannot be done exactly).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import unquote

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from juesuan.errors import JuesuanError
from juesuan.timing import stage
from juesuan.write.pdf_relayout import relaid
from juesuan.write.pdf_spills import TIGHT_CSS, short_spills, tightened
from juesuan.render.typography import Typography, default_typography, font_assets, stylesheet

ASSET_SCHEME = "asset:"
MIME_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf",
              ".ttc": "font/collection"}


class AssetError(JuesuanError):
    """The document asked for a URL that is not one of the assets handed to the writer."""


class AssetFetcher(URLFetcher):
    """Serves `asset:NAME` from memory and refuses every other URL, so nothing comes from outside."""

    def __init__(self, assets: Mapping[str, bytes]):
        # fail_on_errors: a refused or missing asset stops the layout instead of becoming a warning.
        super().__init__(fail_on_errors=True)
        self._assets = assets

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        if not url.startswith(ASSET_SCHEME):
            raise AssetError(f"拒绝读取外部地址 {url}：文档只能引用 asset:名称 形式的资源（refused URL {url})")
        name = unquote(url.removeprefix(ASSET_SCHEME))
        if name not in self._assets:
            raise AssetError(f"缺少资源 {name}（missing asset {url}）")
        mime_type = MIME_TYPES.get(PurePosixPath(name).suffix.lower())
        if mime_type is None:
            raise AssetError(f"资源 {name} 的类型不受支持，只能是 PNG、SVG 或字体文件（unsupported asset type {url}）")
        return URLFetcherResponse(url, self._assets[name], {"Content-Type": mime_type})


def html_to_pdf(
    html: str, assets: Mapping[str, bytes], stylesheets: Sequence[str], *, created: datetime,
    typography: Typography | None = None,
) -> bytes:
    """`lay_out`'s PDF."""
    return lay_out(html, assets, stylesheets, created=created, typography=typography)[0]


def lay_out(
    html: str, assets: Mapping[str, bytes], stylesheets: Sequence[str], *, created: datetime,
    typography: Typography | None = None,
) -> tuple[bytes, str]:
    """The PDF of `html` and the HTML as it was laid out (with the tables `pdf_spills` set tight, which the
    DOCX then sets tight too).

    Lay `html` out with the rules of `typography` (default: the default layout's) followed by
    `stylesheets` (CSS texts) and return the PDF; `created` must carry a time zone.

    `created` becomes both the creation and modification date, so equal inputs give identical bytes.
    Raises AssetError, naming the URL, if the document refers to anything but a supplied asset.
    """
    if created.tzinfo is None:
        raise ValueError("created must be timezone-aware, e.g. datetime(2025, 3, 31, tzinfo=ZoneInfo('Asia/Shanghai'))")
    typography = typography or default_typography()
    fetcher = AssetFetcher({**assets, **font_assets(typography)})
    texts = [stylesheet(typography), *stylesheets, TIGHT_CSS]
    fonts = FontConfiguration()  # @font-face rules need one, shared by the stylesheets and the layout
    try:
        with stage("pdf_layout"):
            css = [CSS(string=text, url_fetcher=fetcher, font_config=fonts) for text in texts]
            source = HTML(string=html, url_fetcher=fetcher)
            document = source.render(stylesheets=css, font_config=fonts)
            spills = short_spills(document, source.etree_element)
        if spills:   # a table ending with a few rows on a page of their own: set it tighter, lay out again
            with stage("pdf_relayout"):
                html = tightened(html, spills)
                composed = relaid(document, source.etree_element, html, spills, texts, fetcher, fonts)
                del document, source          # the first layout goes before a whole second one is made
                document = composed or HTML(string=html, url_fetcher=fetcher).render(stylesheets=css, font_config=fonts)
        document.metadata.created = document.metadata.modified = created.isoformat(timespec="seconds")
        with stage("pdf_write"):
            return document.write_pdf(), html
    except FatalURLFetchingError as error:
        # WeasyPrint wraps the fetcher's exception in a BaseException; hand back our own message.
        raise error.__cause__ from None
