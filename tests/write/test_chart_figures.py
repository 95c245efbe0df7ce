"""One chart in every format: the HTML names its SVG, the DOCX shows the PNG of the same name, and the
self-contained HTML carries the SVG as an SVG."""

from __future__ import annotations

import base64
import io
import re
from datetime import datetime, timezone
from decimal import Decimal

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from PIL import Image

from juesuan.errors import TemplateError
from juesuan.render.charts import BarChart, chart_assets
from juesuan.render.document import RenderedDocument
from juesuan.write.docx_writer import html_to_docx
from juesuan.write.formats import HtmlWriter

CREATED = datetime(2025, 6, 30, 9, 0, tzinfo=timezone.utc)
HTML = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body>
<p>正文。</p>
<figure class="chart"><img src="asset:totals.svg" data-width-mm="150" style="width:150mm" alt="收入、支出决算总计变动情况">
<figcaption>图1：收入、支出决算总计变动情况</figcaption></figure>
</body></html>"""
CHART = BarChart("收入、支出决算总计变动情况", ("收入总计", "支出总计"),
                 (("2023年度", (Decimal("1825.64"), Decimal("1825.64"))),
                  ("2024年度", (Decimal("1778.52"), Decimal("1778.52")))))


@pytest.fixture(scope="module")
def assets() -> dict[str, bytes]:
    return chart_assets("totals", CHART)


def test_the_docx_shows_the_png_of_an_svg_chart(assets) -> None:
    document = docx.Document(io.BytesIO(html_to_docx(HTML, assets, created=CREATED)))
    images = [r.target_part for r in document.part.rels.values() if r.reltype == RT.IMAGE]
    assert [part.content_type for part in images] == ["image/png"]
    assert images[0].blob == assets["totals.png"]
    shape = document.inline_shapes[0]
    assert shape.width.mm == pytest.approx(150, abs=0.5)
    assert shape.height.mm == pytest.approx(48, abs=0.5)  # the PNG's own proportions
    assert shape._inline.docPr.get("descr") == "收入、支出决算总计变动情况"
    assert "图1：收入、支出决算总计变动情况" in [p.text for p in document.paragraphs]


def test_an_svg_without_its_png_is_named_in_the_error(assets) -> None:
    with pytest.raises(TemplateError, match="totals.png"):
        html_to_docx(HTML, {"totals.svg": assets["totals.svg"]}, created=CREATED)


def test_the_html_file_carries_the_svg_as_svg(assets) -> None:
    html = HtmlWriter().render(RenderedDocument(HTML, assets, ""), CREATED).decode()
    found = re.search(r'src="data:([^;]+);base64,([^"]+)"', html)
    assert found.group(1) == "image/svg+xml"
    assert base64.b64decode(found.group(2)) == assets["totals.svg"]
    body = html[html.index("<body>"):]
    assert "asset:" not in body and "image/png" not in body  # the DOCX's PNG is not carried along


def test_the_png_is_the_svg_drawn_at_200dpi(assets) -> None:
    image = Image.open(io.BytesIO(assets["totals.png"]))
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
    assert image.size[0] == pytest.approx(150 / 25.4 * 200, abs=1)
