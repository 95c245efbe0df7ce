"""The value types of a data file: exact money, classification codes, text, and the strict base form.

Money is parsed from the text the officer typed, never through float; a code keeps its digits as text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _money(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or isinstance(value, float):
        raise PydanticCustomError("money_float", "金额不能以浮点数传入，请以文字（如 \"1332.21\"）传入")
    if isinstance(value, int):
        return Decimal(value)
    text = str(value).strip() if value is not None else ""
    if not _NUMBER.match(text):
        raise PydanticCustomError("money", "应填写数字金额（如 1332.21，不带单位和千位分隔符），实际为「{value}」",
                                  {"value": text})
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        raise PydanticCustomError("money", "应填写数字金额，实际为「{value}」", {"value": text})


_LENIENT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
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
    return "" if value is None else str(value).strip()


Money = Annotated[Decimal, BeforeValidator(_money)]
Text = Annotated[str, BeforeValidator(_text)]
Count = Annotated[int, Field(ge=0)]
Score = Annotated[Decimal, BeforeValidator(_money)]
ZERO = Decimal(0)


class Form(BaseModel):
    """Base of every block: unknown keys are errors (a typo must not silently drop a figure)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True, str_strip_whitespace=True)


def F(alias: str, default=..., **kw):
    return Field(default, alias=alias, **kw)
