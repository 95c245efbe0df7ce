"""The value types of a data file: exact money, classification codes, text, and the strict base form.

Money is parsed from the text the officer typed, never through float; a code keeps its digits as text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..errors import clip

#: The largest amount anyone discloses is under 10¹⁴ 元; 15 integer and 10 decimal digits keep every sum
#: and ratio inside Decimal's exact range (28 digits), so no message or figure is ever misprinted.
MAX_INTEGER_DIGITS, MAX_PLACES = 15, 10
TOO_LONG = f"位数过多（整数部分最多 {MAX_INTEGER_DIGITS} 位、小数最多 {MAX_PLACES} 位）"
_NUMBER = re.compile(rf"^[+-]?\d{{1,{MAX_INTEGER_DIGITS}}}(\.\d{{1,{MAX_PLACES}}})?$")
_LONG = re.compile(r"^[+-]?[\d,]+(\.\d+)?$")


def too_long(text: str) -> bool:
    """A number with more digits than an amount may have (said apart from "not a number")."""
    value = unicodedata.normalize("NFKC", str(text)).replace(" ", "").strip("()")
    return bool(_LONG.match(value)) and parse_amount(str(text), lenient=True) is None


def shown_as(text: object) -> str:
    """How a message quotes what was written instead of an amount (and why, when it is too long)."""
    return f"实际为「{clip(text)}」" + (f"，{TOO_LONG}" if too_long(str(text)) else "")


def within_limits(value: Decimal) -> bool:
    """An amount read some other way (an Excel number) obeys the same limits as a typed one."""
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    return abs(value) < Decimal(10) ** MAX_INTEGER_DIGITS and (exponent >= 0 or -exponent <= MAX_PLACES)


def _exact(kind: str, example: str, bare: str):
    """A validator of an exact, non-negative number the officer typed: a 金额 or a 分数, named as such."""

    def parse(value: object) -> Decimal:
        if isinstance(value, Decimal):
            value = f"{value:f}"
        if isinstance(value, bool) or isinstance(value, float):
            raise PydanticCustomError("money_float", kind + "不能以浮点数传入，请以文字（如 \"" + example + "\"）传入")
        if isinstance(value, int):
            value = str(value)
        text = str(value).strip() if value is not None else ""
        if too_long(text):
            raise PydanticCustomError("money_long", kind + "「{value}」" + TOO_LONG, {"value": text[:40]})
        if not _NUMBER.match(text):
            raise PydanticCustomError("money", "应填写数字" + kind + "（如 " + example + "，" + bare + "），实际为「{value}」",
                                      {"value": text[:60]})
        amount = Decimal(text)
        if amount < 0:
            raise PydanticCustomError("money_negative", kind + "不能为负数，实际为「{value}」", {"value": text})
        return amount

    return parse


_money = _exact("金额", "1332.21", "不带单位和千位分隔符")   # no block holds a deficit
_score = _exact("分数", "95", "不带“分”字")


_LENIENT = re.compile(rf"^[+-]?(\d{{1,3}}(,\d{{3}}){{1,4}}|\d{{1,{MAX_INTEGER_DIGITS}}})(\.\d{{1,{MAX_PLACES}}})?$")
_DASHES = {"-", "—", "–", "－", "--", "——"}


def parse_amount(text: str, lenient: bool = False) -> Decimal | None:
    """The exact Decimal a cell's text means, or None when it is not an amount.

    Strict (a data file): a plain number such as 1332.21, blank meaning 0. Lenient (a workbook's text cell,
    as exports write them): also thousands separators (1,778.52), full-width digits, a lone dash for zero,
    and (12.00) for a negative amount.
    """
    value = text.strip()
    if not value:
        return Decimal(0)
    if lenient:
        value = unicodedata.normalize("NFKC", value).replace(" ", "")
        if value in _DASHES:
            return Decimal(0)
        negative = value.startswith("(") and value.endswith(")")
        if negative:
            value = value[1:-1]
        if not _LENIENT.match(value):
            return None
        number = Decimal(value.replace(",", ""))
        return -number if negative else number
    if not _NUMBER.match(value):
        return None
    return Decimal(value)


def _text(value: object) -> str:
    """A text field: one scalar. A list or a table here would print as ['原因一', '原因二']."""
    if isinstance(value, (list, tuple, dict)):
        kind = "表格（下级项目）" if isinstance(value, dict) else "列表"
        raise PydanticCustomError("text_not_scalar", "这里应填写一段文字，实际写成了" + kind
                                  + "；多个要点请写成一段，用“；”分开", {})
    return "" if value is None else str(value).strip()


Money = Annotated[Decimal, BeforeValidator(_money)]
Text = Annotated[str, BeforeValidator(_text)]
Count = Annotated[int, Field(ge=0)]
Score = Annotated[Decimal, BeforeValidator(_score)]
ZERO = Decimal(0)


class Form(BaseModel):
    """Base of every block: unknown keys are errors (a typo must not silently drop a figure)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True, str_strip_whitespace=True)


def F(alias: str, default=..., **kw):
    return Field(default, alias=alias, **kw)
