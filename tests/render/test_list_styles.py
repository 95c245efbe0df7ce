"""An ordered list's class picks how its items are numbered, the same in both formats (they read one HTML)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from juesuan.render.numbering import number_document

DIGITS = "零一二三四五六七八九"


def numbers(css_class: str, count: int, start: int = 1) -> list[str]:
    items = "".join(f"<li>第{i}项</li>" for i in range(count))
    html = number_document(f'<html><body><section class="part"><ol class="{css_class}" start="{start}">{items}</ol>'
                           "</section></body></html>")
    return re.findall(r'<span class="num">([^<]*)</span>', html)


def test_each_style_as_a_reader_sees_it():
    assert numbers("num", 3) == ["1.", "2.", "3."]
    assert numbers("paren", 2) == ["（1）", "（2）"]
    assert numbers("comma", 2) == ["1、", "2、"]
    assert numbers("cn", 3, start=9) == ["九、", "十、", "十一、"]
    assert numbers("cn-paren", 2) == ["（一）", "（二）"]


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numbers_read_back_as_the_count(count):
    last = numbers("cn", count)[-1].rstrip("、")
    tens, _, units = last.rpartition("十")
    value = (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(units) if units else 0) if "十" in last \
        else DIGITS.index(last)
    assert value == count
