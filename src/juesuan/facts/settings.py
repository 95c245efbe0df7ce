"""What a province or county may set without touching code: number style, ratios, which rows and tables print.

Read from a small YAML file (``--config``) through the same reader and validator as the data, so a
county's typo gets the same file:line message as an officer's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ..tables.forms import BY_ID, SICHUAN
from ..tables.labels import nearest
from ..validate.types import Form, Money
from .numbers import NumberFormat


class Settings(Form):
    amount_places: int = Field(2, alias="金额小数位", ge=0, le=4)
    zero_amount: str = Field("0", alias="零金额显示")
    percent_places: int = Field(2, alias="百分比小数位", ge=0, le=4)
    strip_whole_percent: bool = Field(True, alias="整数百分比省略小数")
    ratio_basis: Literal["原始数", "列示数"] = Field("原始数", alias="百分比计算口径")
    list_zero_rows: bool = Field(True, alias="列示零值收支项目")
    charts: bool = Field(True, alias="插入图表")
    tables: tuple[str, ...] = Field(SICHUAN, alias="附表")
    table_rounding: Literal["各自四舍五入", "保持相加"] = Field("各自四舍五入", alias="附表舍入")
    reason_threshold: Money = Field(Decimal(0), alias="须说明原因的变动金额")

    @field_validator("tables")
    @classmethod
    def _known_tables(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for title in value:
            if title not in BY_ID:
                near = nearest(title, BY_ID)
                hint = f"，是否想写：「{near[0]}」" if near else ""
                raise PydanticCustomError("table", "附表中有不认识的公开表「{title}」{hint}", {"title": title, "hint": hint})
        return value

    @property
    def number_format(self) -> NumberFormat:
        return NumberFormat(amount_places=self.amount_places, zero_amount=self.zero_amount,
                            percent_places=self.percent_places, strip_whole_percent=self.strip_whole_percent,
                            exact_ratios=self.ratio_basis == "原始数")
