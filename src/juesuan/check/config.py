"""What a county may set for `juesuan check`, in the same ``--config`` YAML file as its number style.

Keys (all optional), next to those of `facts.settings.Settings` (金额小数位 …)::

    停用规则: [JS-NAR-006]              # rules this county does not apply
    严重程度: {JS-NAR-005: 错误}         # 错误 blocks `juesuan build`; 警告 does not
    须说明原因的变动金额: 0.5             # 增减 or 预决算差异 smaller than this (万元) need no reason; default 0
    附加禁用词: [待补充, 另行说明]         # the county's own rule: words that must not reach a published text
    可提及的单位: [德阳市医疗保障局]        # other units' names that may appear in the text (e.g. a superior)
    附加句式:                            # the county's own patterns (Python regular expressions), rule JS-NAR-015
      - {正则: "详见附表\\d+", 说明: 本县不附附表}

`附加禁用词` is how a county adds rules without Python: each entry is a literal piece of text, flagged
(rule JS-NAR-007) wherever it appears in a free-text field of the data file or in the generated document.
`附加句式` does the same for wordings that vary (a template sentence with a number or a name in it);
a pattern that is no regular expression is refused with its file:line.
The file goes through the same reader and validator as the data, so a typo gets a file:line message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..errors import DataError, Problem
from ..facts.settings import Settings
from ..inputs import Options
from ..load.yaml_reader import dotted, read_yaml
from ..validate import validate
from ..validate.types import ZERO, F, Form, Money, Text


def _regex(value: object) -> str:
    """A pattern that compiles; otherwise a Chinese message the validator locates in the file."""
    text = str(value)
    try:
        re.compile(text)
    except re.error as exc:
        raise PydanticCustomError("regex", "正则表达式「{value}」写错了：{why}（invalid regular expression）",
                                  {"value": text[:60], "why": str(exc)}) from None
    return text


class Pattern(Form):
    """One of the county's own patterns: a regular expression and what finding it means."""

    regex: Annotated[Text, BeforeValidator(_regex)] = F("正则", description="Python 正则表达式")
    meaning: Text = F("说明", description="找到时提示的意思（如“本县不附附表”）")


class CheckConfig(Form):
    disabled: list[Text] = F("停用规则", [], description="本地区不适用的核对规则编号")
    severities: dict[str, Literal["错误", "警告"]] = F("严重程度", {}, description="改变规则的严重程度：错误（阻止生成）或警告")
    reason_threshold: Money = F("须说明原因的变动金额", ZERO, description="增减或预决算差异（万元）小于此数时不要求写原因")
    banned_words: list[Text] = F("附加禁用词", [], description="不得出现在公开文字中的词（规则 JS-NAR-007）")
    mentionable_units: list[Text] = F("可提及的单位", [], description="文中可以出现的其他单位名称（如上级单位）")
    patterns: list[Pattern] = F("附加句式", [], description="不得出现在公开文字中的句式（正则表达式及说明，规则 JS-NAR-015）")


class _CountyFile(Settings, CheckConfig):
    """A whole config file (a county's ``--config`` or a layout's 配置.yaml): number style and check
    configuration side by side, and the layout the county uses."""

    layout: Text | None = F("版式", None, description="所用版式：内置版式名或版式文件夹（相对于配置文件）")


def load_config(options: Options = Options()) -> tuple[CheckConfig, Settings]:
    """The check configuration and the number settings for a build: the 配置.yaml of each layout in the
    chain, most general first, then the county's ``--config``; a key given later overrides the same key
    given earlier. Each file is validated on its own, so a mistake is located in the file that has it."""
    given: dict = {}
    for path in options.chosen_layout().config_files() + ([Path(options.config)] if options.config else []):
        raw = read_yaml(Path(path))
        whole = validate(raw, _CountyFile)
        _known_rules(whole, raw)
        values = whole.model_dump(by_alias=True)
        given.update({_CountyFile.model_fields[name].alias: values[_CountyFile.model_fields[name].alias]
                      for name in whole.model_fields_set})
    config = CheckConfig.model_validate({f.alias: given[f.alias] for f in CheckConfig.model_fields.values()
                                         if f.alias in given})
    settings = Settings.model_validate({f.alias: given[f.alias] for f in Settings.model_fields.values()
                                        if f.alias in given})
    return config, settings


def _known_rules(config: CheckConfig, raw) -> None:
    """A rule id the county mistyped would silently do nothing: refuse it, naming the known ids."""
    from .engine import registry

    known = registry()
    problems = []
    for key, ids in (("停用规则", config.disabled), ("严重程度", list(config.severities))):
        for index, rule_id in enumerate(ids):
            if rule_id not in known:
                path = (key, index) if key == "停用规则" else (key, rule_id)
                line, col = raw.source.locate(path)
                near = [r for r in known if r[:6] == rule_id[:6]] or sorted(known)
                problems.append(
                    Problem(
                        raw.source.file,
                        line,
                        col,
                        dotted(path),
                        f"没有编号为「{rule_id}」的核对规则；现有规则：{'、'.join(sorted(near))}",
                        f"unknown rule id {rule_id!r}",
                    )
                )
    if problems:
        raise DataError(problems)
