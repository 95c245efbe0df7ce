"""`juesuan new`: this year's data file started from last year's, so an officer rewrites only what changed.

Last year's `<Y-1>.yaml` is copied in ruamel's round-trip mode, so its comments, key order and quoting stay
as the officer wrote them. What cannot carry over is changed:

* the figures of the 公开表 belong to this year's workbook: an inline `公开表` goes, `决算报表` names
  `<Y>.xlsx` (a blank fill-in workbook is written beside it unless one is there);
* the `上年` block goes: last year's file itself is now the prior year (`inputs.last_year_file`);
* `公开日期` goes: last year's date of publication is never this year's;
* last year's reasons stay as suggestions, each prefixed `待确认：` — rule JS-NAR-017 reports every one
  still so marked, and deleting the prefix confirms it.

Nothing is overwritten: an existing `<Y>.yaml` is refused unless `force`, an existing workbook is kept.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .check.rules.narrative import PENDING
from .errors import JuesuanError
from .exchange import template_workbook
from .inputs import WORKBOOK_SUFFIXES, load
from .load.round_trip import editor
from .tables.forms import NATIONAL, SICHUAN
from .validate.model import UNKNOWN
from .write.atomic import write_atomic

__all__ = ["PENDING", "REASON_BLOCKS", "ScaffoldError", "new_year"]

REASON_BLOCKS = ("变动原因", "预决算差异原因")
_YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")


class ScaffoldError(JuesuanError):
    """This year's file cannot be started: no last year's file, or this year's exists."""


def new_year(unit_dir: Path, year: int | None = None, force: bool = False) -> list[Path]:
    """Write `<year>.yaml` (and `<year>.xlsx` when no workbook is there) in `unit_dir` from `<year-1>.yaml`;
    the year defaults to the newest year present + 1. Returns the files written.

    Raises ScaffoldError (missing last year, existing target) or DataError (last year's file is broken)."""
    unit_dir = Path(unit_dir)
    year = year if year is not None else _newest(unit_dir) + 1
    source, target = unit_dir / f"{year - 1}.yaml", unit_dir / f"{year}.yaml"
    if not source.is_file():
        raise ScaffoldError(f"找不到上年的数据文件 {source.name}，无法生成 {year} 年度的文件"
                            f"（last year's data file not found）")
    if target.exists() and not force:
        raise ScaffoldError(f"{target.name} 已存在，未作改动；确要重新生成请加 --force（{target.name} exists; use --force）")
    previous = load(source)                  # a broken file is reported with its lines, before anything is written
    workbook = next((unit_dir / f"{year}{s}" for s in WORKBOOK_SUFFIXES if (unit_dir / f"{year}{s}").is_file()), None)
    written = []
    if workbook is None:
        workbook = unit_dir / f"{year}.xlsx"
        template_workbook(workbook, source, _forms(set(previous.tables.tables)), previous.data.money_unit)
        written.append(workbook)
    write_atomic(target, _scaffold_text(source, year, workbook.name).encode("utf-8"))
    return [target, *written]


def _newest(unit_dir: Path) -> int:
    years = [int(m.group(1)) for p in unit_dir.glob("*.yaml") if (m := _YEAR_FILE.match(p.name))]
    if not years:
        raise ScaffoldError("文件夹中没有年度数据文件（如 2024.yaml），请用 --year 指定年度或先建上年文件"
                            "（no <year>.yaml in the folder）")
    return max(years)


def _forms(held: set[str]) -> tuple[str, ...]:
    """The table set last year's tables belong to: the national 公开01—09表 when they hold nothing else,
    else Sichuan's 13."""
    return NATIONAL if held <= set(NATIONAL) else SICHUAN


def _scaffold_text(source: Path, year: int, workbook: str) -> str:
    yaml = editor()
    doc = yaml.load(source.read_text(encoding="utf-8"))
    doc["年度"] = year
    _drop(doc, "公开表")
    _drop(doc, "上年")
    if "决算报表" in doc:
        doc["决算报表"] = workbook
    else:
        doc.insert(list(doc).index("金额单位") + 1 if "金额单位" in doc else 1, "决算报表", workbook)
    dated = isinstance(doc.get("单位"), CommentedMap) and "公开日期" in doc["单位"]
    if dated:
        _drop(doc["单位"], "公开日期")
    pending = 0
    for block in REASON_BLOCKS:
        reasons = doc.get(block)
        for key, text in (reasons.items() if isinstance(reasons, dict) else ()):
            said = str(text).strip() if text is not None else ""
            if said and said != UNKNOWN and not said.startswith(PENDING):
                reasons[key] = _like(text, PENDING + said)
                pending += 1
    out = io.StringIO()
    yaml.dump(doc, out)
    return _header(source, year, workbook, pending, dated) + out.getvalue()


def _like(original, text: str):
    """`text` in the quoting style the officer used (plain, '…' or "…")."""
    return type(original)(text) if isinstance(original, str) and type(original) is not str else text


def _header(source: Path, year: int, workbook: str, pending: int, dated: bool) -> str:
    lines = [
        f"{year} 年度数据文件，由 juesuan new 从 {source.name} 生成。",
        f"· 公开表的数填在 {workbook} 中；上年的数取自 {source.name}（故不再有「上年」一节）。",
        f"· 「变动原因」「预决算差异原因」中标有「{PENDING}」的 {pending} 条抄自上年，仅供参考：",
        f"  请对照今年的数逐条核实、改写，确认后删去开头的「{PENDING}」（juesuan check 会报出尚未确认的）。",
        "· 单位情况、“三公”经费的次数与车辆、机关运行经费、政府采购、国有资产、绩效与附件仍是上年的内容，请逐项更新。",
        *(["· 上年的「公开日期」已删去，公开时请在「单位」中填上实际日期。"] if dated else []),
        f"── 以下是 {source.name} 原有的说明 ──",
    ]
    return "".join(f"# {line}\n" for line in lines) + "#\n"


def _drop(mapping: CommentedMap, key: str) -> None:
    """Delete `key` with the comment lines written just above it (ruamel keeps those at the end of the
    entry before, which would otherwise float over the next key)."""
    if key not in mapping:
        return
    keys = list(mapping)
    at = keys.index(key)
    if at > 0:
        _trim_tail(mapping, keys[at - 1])
    del mapping[key]


def _trim_tail(node, key) -> None:
    """Remove the trailing comment lines of the last thing written under `node[key]`."""
    while isinstance(node[key], (CommentedMap, CommentedSeq)) and len(node[key]):
        node, key = node[key], (list(node[key])[-1] if isinstance(node[key], CommentedMap) else len(node[key]) - 1)
    for token in node.ca.items.get(key) or ():
        if token is not None and hasattr(token, "value"):
            lines = token.value.split("\n")
            end = len(lines) - 1
            while end > 1 and lines[end - 1].lstrip().startswith("#"):
                end -= 1
            token.value = "\n".join(lines[:end]) + "\n"
