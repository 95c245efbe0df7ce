"""Write docs/核对规则.md, the list of `juesuan check` rules, from the rule registry itself.

    python tools/rules_guide.py            # rewrite the list
    python tools/rules_guide.py --check    # exit 1 when the list is out of date (the test suite does this)

A rule's id is printed next to every finding and is how a county switches it off or changes its severity, so
ids never change meaning; this page is where a reader looks one up.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from juesuan.check import engine, rules  # noqa: E402,F401 - importing rules registers them
from juesuan.check.document import DOC_RULES  # noqa: E402

GUIDE = ROOT / "docs" / "核对规则.md"
FAMILIES = {
    "JS-BAL": "勾稽与数额：表内、表间、文字与表格的数要对得上",
    "JS-TAB": "公开表：表是否齐全、行列是否相加",
    "JS-CAT": "科目：编码与名称、上下级",
    "JS-YOY": "跨年：与上年文件或上年数比较",
    "JS-NAR": "文字：原因、占位符、重复词句、年份、单位名称、标点等",
    "JS-DOC": "成稿文档：核对手写的 DOCX/PDF（juesuan check 文档.docx）时才用的规则",
}
HEAD = """# 核对规则（juesuan check）

由 `tools/rules_guide.py` 按程序中登记的规则生成，请勿手改。每条核对结果前的方括号里是规则编号；编号一经使用，
含义不变。县里可在 `--config` 文件中停用规则或改严重程度：

```yaml
停用规则: [JS-NAR-006]
严重程度: {JS-NAR-005: 错误}      # 错误会使 juesuan build 不生成文件；警告不会
```
"""


def all_rules() -> dict[str, tuple[str, str, str]]:
    """id → (severity, statement, English): the registry's rules and the document checker's own."""
    found = {r.id: (r.severity, r.title, r.title_en) for r in engine.RULES.values()}
    return {**found, **DOC_RULES}


def guide() -> str:
    lines = [HEAD]
    known = all_rules()
    ids = sorted(known)
    for prefix, what in FAMILIES.items():
        family = [i for i in ids if i.startswith(prefix + "-")]
        if not family:
            continue
        lines += [f"\n## {prefix}：{what}\n", "| 编号 | 严重程度 | 规则 | English |", "|---|---|---|---|"]
        lines += [f"| {i} | {known[i][0]} | {_cell(known[i][1])} | {_cell(known[i][2])} |" for i in family]
    other = [i for i in ids if not any(i.startswith(p + "-") for p in FAMILIES)]
    if other:
        raise SystemExit(f"rules outside the known families: {', '.join(other)}; add the family to FAMILIES")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/核对规则.md is out of date")
    args = parser.parse_args(argv)
    text = guide()
    if args.check:
        if GUIDE.read_text(encoding="utf-8") != text:
            print("docs/核对规则.md 已过期：请运行 python tools/rules_guide.py", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
