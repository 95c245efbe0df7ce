"""What no single field can say is wrong: a file named for one year holding another, a document published
before its year has ended. Each is reported at the line to correct, with the form's own problems."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..errors import Problem
from ..load.yaml_reader import RawDocument, dotted
from .model import YearData


def sanity(data: YearData, raw: RawDocument) -> list[Problem]:
    problems = []

    def fail(path: tuple, zh: str, en: str) -> None:
        line, column = raw.source.locate(path)
        problems.append(Problem(raw.source.file, line, column, dotted(path), zh, en))

    named = Path(raw.source.file).stem
    if re.fullmatch(r"\d{4}", named) and int(named) != data.year:
        fail(("年度",), f"文件名是 {named}.yaml，年度却写的是 {data.year}；两者应一致（上年比较要按文件名找到上年的文件）",
             f"the file is named {named} but its 年度 is {data.year}")
    published = data.unit.publish_date
    if published is not None and published <= date(data.year, 12, 31):
        fail(("单位", "公开日期"), f"公开日期 {published} 不在 {data.year} 年度结束之后；{data.year} 年度的决算只能在"
                                 f" {data.year + 1} 年或以后公开，请改正日期",
             f"publication date {published} is not after the end of {data.year}")
    return problems
