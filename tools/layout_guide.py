"""Write docs/版式定制.md, the guide for template maintainers, from the code and the bundled sample.

    python tools/layout_guide.py            # rewrite the guide
    python tools/layout_guide.py --check    # exit 1 when the guide is out of date (the test suite does this)

The blocks are read from the default layout's templates, the options from the pydantic models, the
filters from the environment, and every fact with an example value from the 绵竹 sample's computed report,
so the guide stays true when any of them changes.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

GUIDE = ROOT / "docs" / "版式定制.md"
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
SKIPPED = {"data", "settings", "figures", "prior"}    # described in prose: the narrative, options, raw figures
MAX_DEPTH = 6                                          # deeper only through the facts' own dataclasses

INTRO = """# 版式定制指南

> 本文由 `python tools/layout_guide.py` 根据程序和样例数据生成，请勿手工修改；程序变化后重新生成即可。

## 一、版式是什么

一个版式就是一个文件夹，放着一个省或县印制部门决算的方式：模板、样式表、配置、补充的科目目录。它只写
与所继承的版式不同的部分，其余沿用。内置版式在 `templates/` 下：{layouts}。

```
我县版式/
  版式.yaml      名称: 某县；继承: sichuan（或另一个版式文件夹，相对于本文件夹）
  配置.yaml      数字格式、措辞、印哪些表、核对规则（各项见第四节），逐项覆盖所继承版式的配置
  科目目录/      功能分类/2024.yaml、经济分类/2024.yaml、名词解释.yaml：补充或更正的科目与词条
  parts/explanation.html.j2   与默认版式同名的模板：整个替换，或用 !名称 扩展后只替换其中的块
  print.css      样式表：叠加在所继承版式的样式表之后（同一选择器以后者为准）
```

选用：`juesuan build 数据.yaml --layout 我县版式/`，或在数据文件、`--config` 文件中写 `版式: 我县版式`。
查找顺序只有一条：`--templates` 目录 → 所选版式 → 它继承的版式 → sichuan，先找到者为准。

## 二、一步一步改一节

1. 新建文件夹 `我县版式/parts/`，在其中建 `explanation.html.j2`，写：

   ```jinja
   {{% extends "!parts/explanation.html.j2" %}}
   {{% block s07_three_public %}}
   <h2>“三公”经费财政拨款支出决算情况说明</h2>
   <p>……本县写法，数取自 r.three_public（见第五节）……</p>
   {{% endblock %}}
   ```

   `!parts/explanation.html.j2` 指查找顺序中排在本文件夹之后的同名模板，所以只替换这一块，其余各节不变。
2. 运行 `juesuan build 数据.yaml --layout 我县版式/ --format html`，在浏览器中打开生成的 HTML 查看；
   DOCX 与 PDF 由同一份 HTML 生成，改一处两种格式同时生效。
3. 标题编号（第一部分、一、（一）、1.、图1）和目录自动生成，模板中只写标题文字。
4. 模板中不做任何计算：占比、增减、完成率都已算好（第五节），直接印出即可；`juesuan check` 核对的正是这些数。
5. 写错块名、数据名时，错误信息给出文件和行号，并提示最接近的正确名称。
"""


def blocks() -> list[str]:
    """| 文件 | 块 | 行 | 所在的块 | for every block of the default layout."""
    from jinja2 import nodes

    from juesuan.layout import find_layout
    from juesuan.render.environment import make_environment

    folder = find_layout().folders[-1]
    env = make_environment([folder])
    rows = ["| 文件 | 块 | 行 | 所在的块 |", "|---|---|---|---|"]
    for path in sorted(folder.rglob("*.j2")):
        name = path.relative_to(folder).as_posix()
        tree = env.parse(path.read_text(encoding="utf-8"), name, str(path))

        def walk(node, outer):
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Block):
                    scoped = "（scoped，可用循环变量）" if child.scoped else ""
                    rows.append(f"| {name} | `{child.name}`{scoped} | {child.lineno} | {outer or '—'} |")
                    walk(child, child.name)
                else:
                    walk(child, outer)

        walk(tree, "")
    return rows


def options() -> list[str]:
    from juesuan.check.config import _CountyFile

    rows = ["| 配置项 | 默认值 | 说明 |", "|---|---|---|"]
    for field in _CountyFile.model_fields.values():
        default = field.default
        shown = "、".join(default) if isinstance(default, (list, tuple)) and default else default
        shown = "（无）" if shown in (None, [], {}, ()) else shown
        rows.append(f"| `{field.alias}` | {shown} | {field.description or ''} |")
    return rows


def filters() -> list[str]:
    from juesuan.render.environment import FILTERS

    return ["| 过滤器 | 作用 |", "|---|---|"] + [f"| `{name}` | {cell(text)} |" for name, (_, text) in FILTERS.items()]


def facts() -> list[str]:
    """Every fact reachable from `r`, with the sample's value."""
    from juesuan.build import compute

    _, report = compute(SAMPLE)
    rows = ["| 写法 | 样例（绵竹市医疗保障局 2024 年度） |", "|---|---|"]

    def leaf(value) -> bool:
        return value is None or isinstance(value, (str, int, float)) or hasattr(value, "__html__")

    def walk(path: str, value, depth: int) -> None:
        if leaf(value) or depth >= MAX_DEPTH + 6 or (depth >= MAX_DEPTH and not dataclasses.is_dataclass(value)):
            shown = "（无：略去该句）" if value is None else cell(str(value))
            rows.append(f"| `{path}` | {shown[:60]} |")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{path}.{key}", item, depth + 1)
        elif isinstance(value, (list, tuple)):
            rows.append(f"| `{path}` | 列表，共 {len(value)} 项；用 `{{% for x in {path} %}}` 逐项印出 |")
            if value:
                walk(f"{path}[0]", value[0], depth + 1)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                if depth == 0 and field.name in SKIPPED:
                    continue
                walk(f"{path}.{field.name}", getattr(value, field.name), depth + 1)
            for name in sorted(n for n, a in vars(type(value)).items() if isinstance(a, property) and n[0] != "_"):
                walk(f"{path}.{name}", getattr(value, name), depth + 1)
        else:
            rows.append(f"| `{path}` | {str(value)[:60]} |")

    walk("r", report, 0)
    return rows


def cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def guide() -> str:
    from juesuan.layout import bundled

    parts = [
        INTRO.format(layouts="、".join(f"`{name}`" for name in bundled())),
        "## 三、块\n\n每个部分、每一节、每张表都是一个块；在扩展模板中写同名的块即替换它，写 `{{ super() }}` 可保留原内容。"
        "写了所继承模板中没有的块会报错。\n",
        *blocks(),
        "\n## 四、配置项\n\n写在版式的 `配置.yaml` 或县的 `--config` 文件中；县的配置逐项覆盖版式的配置。\n",
        *options(),
        "\n## 五、模板可用的数据\n\n模板中可用的名称：`r`（下列计算好的各数）、`unit`（数据文件中的「单位」）、"
        "`tables`（附表）、`charts`（图表）、`annexes`（附件）。金额印出时已按配置保留小数，单位（万元）由模板写出；"
        "标着“（无：略去该句）”的数表示样例中没有该项，模板应以 `{% if … %}` 略去相应的句子。\n",
        *facts(),
        "\n## 六、过滤器\n\n除 Jinja 自带的过滤器（`join`、`length` 等）外：\n",
        *filters(),
        "",
    ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the guide is up to date")
    args = parser.parse_args()
    text = guide()
    if args.check:
        current = GUIDE.read_text(encoding="utf-8") if GUIDE.exists() else ""
        print("up to date" if current == text else f"{GUIDE} is out of date: run python tools/layout_guide.py")
        return 0 if current == text else 1
    GUIDE.write_text(text, encoding="utf-8")
    print(f"wrote {GUIDE} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
