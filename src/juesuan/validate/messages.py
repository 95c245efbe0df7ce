"""Pydantic's errors, said in words a finance officer understands (Chinese first, English kept)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import get_args

from pydantic_core import core_schema

_ZH = {
    "missing": "缺少必填项「{field}」",
    "extra_forbidden": "无法识别的项目「{field}」{hint}",
    "int_parsing": "应填写整数，实际为「{input}」",
    "int_type": "应填写整数，实际为「{input}」",
    "greater_than_equal": "不能小于 {ge}，实际为「{input}」",
    "less_than_equal": "不能大于 {le}，实际为「{input}」",
    "literal_error": "应为以下之一：{choices}，实际为「{input}」",
    "date_from_datetime_parsing": "日期格式应为 2025-09-23，实际为「{input}」",
    "date_parsing": "日期格式应为 2025-09-23，实际为「{input}」",
    "date_type": "日期格式应为 2025-09-23，实际为「{input}」",
    "list_type": "应为列表（每行以「- 」开头），实际为「{input}」",
    "dict_type": "应为包含下级项目的一组内容，实际为「{input}」",
    "model_type": "应为包含下级项目的一组内容，实际为「{input}」",
    "string_type": "应填写文字，实际为「{input}」",
    "too_short": "至少应填写 {min_length} 项",
    "too_long": "最多只能填写 {max_length} 项",
    "string_too_long": "文字过长（最多 {max_length} 个字）",
    "string_too_short": "不能为空",
    "bool_parsing": "应填写 是 或 否（true / false），实际为「{input}」",
    "bool_type": "应填写 是 或 否（true / false），实际为「{input}」",
    "greater_than": "应大于 {gt}，实际为「{input}」",
    "less_than": "应小于 {lt}，实际为「{input}」",
    "int_from_float": "应填写整数，实际为「{input}」",
    "tuple_type": "应为列表（每行以「- 」开头），实际为「{input}」",
    "date_from_datetime_inexact": "日期格式应为 2025-09-23，实际为「{input}」",
    "int_parsing_size": "数字过大，实际为「{input}」",
}
#: Said when pydantic names a problem this table does not know: never its English words alone.
_ZH_OTHER = "填写有误（{msg}）"

_EN = {
    "missing": "required item {field!r} is missing",
    "extra_forbidden": "unknown item {field!r}{hint}",
    "literal_error": "must be one of {expected}, got {input!r}",
    "money": "must be a plain number such as 1332.21 (no unit, no thousands separator), got {input!r}",
    "money_float": "amounts must be passed as text, never as float",
    "code": "a classification code has 3, 5 or 7 digits, got {input!r}",
    "block_kind": "each annex block is exactly one of 章节/段落/列表/表格/绩效自评表",
    "block_content": "only a 章节 block may carry 内容",
    "date_from_datetime_parsing": "dates are written 2025-09-23, got {input!r}",
    "int_parsing": "must be a whole number, got {input!r}",
}


#: pydantic's own error kinds (their messages are English); our PydanticCustomError kinds carry Chinese.
_PYDANTIC_ENGLISH = frozenset(get_args(core_schema.ErrorType))


def translate(error: dict, vocabulary: set[str] | Mapping[str, set[tuple[str, ...]]]) -> tuple[str, str]:
    """(Chinese, English) message for one pydantic error dict; `vocabulary` is every key the file may use,
    or a mapping of each key to the blocks it belongs under."""
    kind = error["type"]
    loc = error.get("loc", ())
    field = str(loc[-1]) if loc else ""
    ctx = dict(error.get("ctx") or {})
    raw_input = error.get("input")
    shown = raw_input if isinstance(raw_input, (str, int)) or raw_input is None else "（一组内容）"
    values = {"field": field, "input": "" if shown is None else shown, **ctx}
    if kind == "literal_error":                # pydantic lists the choices in English: "'a', 'b' or 'c'"
        values["choices"] = "、".join(f"「{c}」" for c in re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    hint_zh = hint_en = ""
    levels = vocabulary.get(field) if isinstance(vocabulary, Mapping) else None
    if kind == "extra_forbidden" and levels:
        # a real key, written under the wrong block: say where it belongs, not the name just typed
        places = sorted(" → ".join(level) if level else "最外层" for level in levels)[:3]
        hint_zh = "：这一项应写在「" + "」或「".join(places) + "」之下（放错了层级）"
        hint_en = f" here: it belongs under {' or '.join(places)}"
    elif kind == "extra_forbidden":
        close = difflib.get_close_matches(field, sorted(vocabulary), n=3, cutoff=0.5)
        if close:
            hint_zh = "，是否想写：" + "、".join(f"「{c}」" for c in close)
            hint_en = ", did you mean " + ", ".join(close)
        else:
            hint_zh = "（可能拼写有误，或放错了层级）"
    zh_template = _ZH.get(kind)
    zh = zh_template.format(**values, hint=hint_zh) if zh_template else (
        error["msg"] if kind not in _PYDANTIC_ENGLISH else _ZH_OTHER.format(msg=error["msg"]))
    en_template = _EN.get(kind)
    en = en_template.format(**values, hint=hint_en) if en_template else error["msg"]
    return zh, en
