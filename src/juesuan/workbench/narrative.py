"""The narrative an officer writes (单位 and its 职责/机构/人员, 三公经费 details, 其他重要事项, 附件 …) as form
fields: every text of the data file outside the tables, the figures and the reasons, by its place in the file.

A field is named as `juesuan check` names places ("三公经费 → 因公出国（境） → 开支内容", list items as
"第N项"), so a finding links to the field it concerns. Only texts are edited here: numbers, lists and the blocks
the workbench shows elsewhere (变动原因, 预决算差异原因) keep their own editors or the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import JuesuanError
from .yamlfile import load_for_edit, save_edited

NOT_NARRATIVE = {"年度", "金额单位", "决算报表", "版式", "公开表", "上年", "变动原因", "预决算差异原因", "未提供的公开表"}
ARROW = " → "
MAX_TEXT = 20_000


@dataclass(frozen=True)
class TextField:
    place: str                      # "单位 → 职责" — as check names it
    text: str

    @property
    def block(self) -> str:
        return self.place.split(ARROW, 1)[0]

    @property
    def long(self) -> bool:
        return len(self.text) > 60 or "\n" in self.text


def text_fields(path: Path) -> list[TextField]:
    """Every narrative text of the data file, in the file's order."""
    found: list[TextField] = []

    def walk(node, place: list[str]) -> None:
        items = node.items() if isinstance(node, dict) else ((f"第{i + 1}项", v) for i, v in enumerate(node))
        for key, value in items:
            if not place and key in NOT_NARRATIVE:
                continue
            here = [*place, str(key)]
            if isinstance(value, (dict, list)):
                walk(value, here)
            elif isinstance(value, str):
                found.append(TextField(ARROW.join(here), str(value)))
    walk(load_for_edit(path), [])
    return found


def save_texts(path: Path, changed: dict[str, str]) -> int:
    """Write the texts `changed` (place → text) into the data file; how many differed from what was there."""
    doc = load_for_edit(path)
    count = 0
    for place, text in changed.items():
        parent, key = _locate(doc, place)
        if len(text) > MAX_TEXT:
            raise JuesuanError(f"「{place}」太长（{len(text)} 字，最多 {MAX_TEXT} 字）")
        text = text.replace("\r\n", "\n").strip()
        if parent[key] != text:
            parent[key] = type(parent[key])(text) if type(parent[key]) is not str else text   # keep its quoting
            count += 1
    if count:
        save_edited(path, doc)
    return count


def _locate(doc, place: str):
    """(the mapping or list holding the text at `place`, its key or index); only existing texts."""
    node, parts = doc, place.split(ARROW)
    if parts[0] in NOT_NARRATIVE:
        raise JuesuanError(f"无法保存：「{place}」不是在这里填写的文字")
    for part in parts[:-1]:
        node = _child(node, part, place)
    last = parts[-1]
    index = _index(node, last)
    key = index if index is not None else last
    if (isinstance(node, dict) and key not in node) or not isinstance(_child(node, last, place), str):
        raise JuesuanError(f"无法保存：数据文件中没有「{place}」这一段文字")
    return node, key


def _child(node, part: str, place: str):
    index = _index(node, part)
    if index is not None and index < len(node):
        return node[index]
    if isinstance(node, dict) and part in node:
        return node[part]
    raise JuesuanError(f"无法保存：数据文件中没有「{place}」这一段文字")


def _index(node, part: str) -> int | None:
    if isinstance(node, list) and part.startswith("第") and part.endswith("项") and part[1:-1].isdigit():
        return int(part[1:-1]) - 1
    return None
