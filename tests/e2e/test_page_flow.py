"""Pages as a reviewer turns them: no heading left alone at the foot of a page, no page left more than a
quarter empty because the chart after it did not fit, no page holding only the last rows of a table."""

from __future__ import annotations

import pdfplumber
import pytest

MM = 72 / 25.4
SAMPLES = ["mianzhu-yibao/2024.yaml", "guanghan-yibao/2021.yaml", "beiguan-yibao/2021.yaml"]


def _pages(built, sample):
    with pdfplumber.open(built(sample).files[".pdf"]) as pdf:
        for page in pdf.pages:
            top, bottom = 37 * MM, page.height - 35 * MM           # the 排版's text block (A4 portrait)
            lines = [line for line in page.extract_text_lines(return_chars=True) if line["bottom"] < bottom + 2]
            drawn = [o for o in page.curves + page.rects + page.lines + page.images if top - 5 < o["top"] and o["bottom"] < bottom + 2]
            yield page, lines, drawn, top, bottom


def _faces(line) -> set[str]:
    return {c["fontname"].split("+", 1)[-1] for c in line["chars"] if not c["text"].isascii()}


@pytest.mark.parametrize("sample", SAMPLES)
def test_no_heading_is_left_alone_at_the_foot_of_a_page(built, sample):
    for number, (page, lines, _, _, _) in enumerate(_pages(built, sample), 1):
        body = [line for line in lines if round(line["chars"][0]["size"]) == 16]
        if len(body) > 3:
            faces = _faces(body[-1])
            assert not (faces and all("Hei" in f or "Kai" in f for f in faces)), (number, body[-1]["text"])


@pytest.mark.parametrize("sample", SAMPLES[:2])                    # the layouts with charts
def test_a_chart_never_leaves_the_page_before_it_more_than_a_quarter_empty(built, sample):
    pages = list(_pages(built, sample))
    for number, ((_, lines, drawn, top, bottom), (_, next_lines, next_drawn, next_top, _)) in enumerate(
            zip(pages, pages[1:]), 1):
        charts_on_top = [o for o in next_drawn if o["object_type"] in ("curve", "image") and o["top"] < next_top + 20 * MM]
        first_text = min((line["top"] for line in next_lines), default=bottom)
        if not charts_on_top or min(o["top"] for o in charts_on_top) > first_text:
            continue                                                # the next page does not open with a chart
        used = max([line["bottom"] for line in lines] + [o["bottom"] for o in drawn], default=top)
        assert (bottom - used) / (bottom - top) <= 0.25, f"page {number} ends {(bottom - used) / (bottom - top):.0%} empty"


@pytest.mark.parametrize("sample", SAMPLES[:2])
def test_no_page_holds_only_the_last_rows_of_a_table(built, sample):
    pages = list(_pages(built, sample))
    for number, (page, lines, drawn, top, bottom) in enumerate(pages, 1):
        rules = [o for o in drawn if o["object_type"] in ("line", "rect")]   # table borders
        texts = [line for line in lines if round(line["chars"][0]["size"]) >= 14 and line["top"] > top - 5]
        if rules and not texts and number > 1:                      # a page of table rows without a caption
            used = (max(o["bottom"] for o in rules) - top) / (bottom - top)
            assert used >= 0.25, f"page {number} holds only {used:.0%} of a table's rows"
