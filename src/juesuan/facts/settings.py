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


Basis = Literal["全年预算", "年初预算", "调整预算"]   # 调整预算 is the 全年预算数 column under its other name


class Settings(Form):
    amount_places: int = Field(2, alias="金额小数位", ge=0, le=4, description="文中金额（万元）保留的小数位数")
    zero_amount: str = Field("0", alias="零金额显示", description="金额为零时印出的文字（如“0”“—”“0.00”）")
    percent_places: int = Field(2, alias="百分比小数位", ge=0, le=4, description="占比、增减率、完成率保留的小数位数")
    share_places: int | None = Field(None, alias="占比小数位", ge=0, le=4, description="“占X%”保留的小数位数（不写则同百分比小数位）")
    change_places: int | None = Field(None, alias="增减率小数位", ge=0, le=4, description="“增长/下降X%”保留的小数位数（不写则同百分比小数位）")
    completion_places: int | None = Field(None, alias="完成率小数位", ge=0, le=4, description="“完成预算X%”保留的小数位数（不写则同百分比小数位）")
    flat_wording: str = Field("与上年持平", alias="持平措辞", min_length=1, max_length=20,
                              description="本年与上年数相同时的说法（如“与上年持平”“与上年度持平”）")
    strip_whole_percent: bool = Field(True, alias="整数百分比省略小数", description="恰为整数的百分比不写小数（“100%”而非“100.00%”）")
    strip_amount_zeros: bool = Field(False, alias="金额省略末尾的零",
                                     description="金额不写末尾的零（“0.9万元”而非“0.90万元”；表中同样印出）")
    strip_percent_zeros: bool = Field(False, alias="百分比省略末尾的零",
                                      description="百分比不写末尾的零（“25.4%”而非“25.40%”）")
    ratio_basis: Literal["原始数", "列示数"] = Field("原始数", alias="百分比计算口径", description="原始数：按公开表给出的精度计算；列示数：按印出的万元数计算")
    list_zero_rows: bool = Field(True, alias="列示零值收支项目", description="收入、支出构成中为零的项目是否也写出")
    glossary_items: bool = Field(True, alias="名词解释列出功能分类科目",
                                 description="名词解释中是否为本单位用到的每个功能分类科目（项）列出一条")
    charts: bool = Field(True, alias="插入图表", description="是否在情况说明中插入饼图、柱状图")
    tables: tuple[str, ...] = Field(SICHUAN, alias="附表", description="印哪些公开表、按什么顺序（公开表的标准名称列表）")
    empty_notes: dict[str, str] = Field({}, alias="空表说明",
                                        description="某张公开表为空表时印在表下的说明（公开表名称: 说明文字）；未写的表用通用说明")
    share_rounding: Literal["各自四舍五入", "保持相加"] = Field(
        "各自四舍五入", alias="占比舍入",
        description="同一整体的各项占比：各自四舍五入（合计可能为100.01%或99.99%），或保持相加（最大余数法，合计恰为100%）")
    table_rounding: Literal["各自四舍五入", "保持相加"] = Field("各自四舍五入", alias="附表舍入", description="元的数印成万元时：各自四舍五入，或保持相加（下级之和恰等于上级）")
    general_basis: Basis = Field("全年预算", alias="一般公共预算支出预算口径",
                                 description="一般公共预算财政拨款支出（总数和各项）的完成率对照哪个预算数")
    three_public_basis: Basis = Field("全年预算", alias="三公经费预算口径",
                                      description="“三公”经费（总数和各项）的完成率对照哪个预算数")
    operating_costs_basis: Basis = Field("年初预算", alias="机关运行经费预算口径",
                                         description="机关运行经费的完成率对照哪个预算数（数据中只写年初预算数时取年初预算）")
    reason_threshold: Money = Field(Decimal(0), alias="须说明原因的变动金额", description="增减或预决算差异（万元）小于此数时不要求写原因")

    @field_validator("tables")
    @classmethod
    def _known_tables(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for title in value:
            if title not in BY_ID:
                near = nearest(title, BY_ID)
                hint = f"，是否想写：「{near[0]}」" if near else ""
                raise PydanticCustomError("table", "不认识的公开表「{title}」{hint}", {"title": title, "hint": hint})
        return value

    @field_validator("empty_notes")
    @classmethod
    def _known_note_tables(cls, value: dict[str, str]) -> dict[str, str]:
        cls._known_tables(tuple(value))
        return value

    @property
    def number_format(self) -> NumberFormat:
        return NumberFormat(amount_places=self.amount_places, zero_amount=self.zero_amount,
                            percent_places=self.percent_places, strip_whole_percent=self.strip_whole_percent,
                            exact_ratios=self.ratio_basis == "原始数", strip_amount_zeros=self.strip_amount_zeros,
                            strip_percent_zeros=self.strip_percent_zeros, share_places=self.share_places,
                            change_places=self.change_places, completion_places=self.completion_places,
                            flat_wording=self.flat_wording)
