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
SKIPPED = {"data", "settings", "figures", "prior", "tables"}   # in prose or their own section: the narrative,
                                                                # options, raw figures, the 附表
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
  排版.yaml      字体、字号、间距、页边距、页码、分页（见第八节）：PDF 与 DOCX 都由它排版，逐项覆盖
  print.css      样式表：叠加在所继承版式的样式表之后（同一选择器以后者为准），只对 PDF 生效
  fonts/         本县有正版授权的字体文件（.ttf/.otf/.ttc，如仿宋_GB2312、方正小标宋简体）：生成 PDF 时嵌入（见第八节）
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


TABLES_INTRO = """
## 七、附表的数据

第五部分的每张附表由它自己的模板排版：`parts/tables.html.j2` 按配置 `附表` 的顺序逐张印出 `tables` 中的表，
每张表交给 `tables/<表名>.html.j2`。要改一张表，就在版式文件夹中放一个同名文件
（如 `我县版式/tables/支出决算表.html.j2`），其余各表不变；要增删、调整整张表的顺序，改配置 `附表`。
模板只选择、排列、命名栏目和面，**不计算**：每个数都已算好（按配置舍入；`附表舍入: 保持相加` 时下级之和恰等于
上级），改换栏目的顺序或表式，印出的数仍然相加。

默认模板都是一句 `{{% import "macros.html.j2" as m %}}{{{{ m.data_table(t) }}}}`：印出本表数据中有的全部栏目，
各面并排。`m.data_table(t, [面, 面])` 印出给定的面；面由下面的方法得到，每个方法返回一个新的面：

- `t.panel()`（两面的总表：`t.panel("收入")`、`t.panel("支出")`）：本表的一面；
- `面.pick("栏1", "栏2", …)`：只印这些栏，按这个顺序；本表的表式有而这个单位的数据没有的栏略去；
- `面.renamed({{"栏或表头文字": "新名称"}})`：栏名写新的末级名称（或写列表给出整条表头），其他表头文字
  （如分组“本年支出”“预算数”、标签栏“科目名称”、面的名称）在各处替换；
- `面.part("人员经费")`：基本支出表中只含一部分（人员经费或公用经费）的行，面的名称即部分名称；
  `first="合计"` 把本表的合计行放在最前。各部分并排时，部分的合计行同在末行。

栏名、面名、部分名、行名写错时，错误信息给出模板文件和行号，并提示最接近的正确名称。

### 常见表式

改栏的顺序和名称（支出决算表）：

```jinja
{{% import "macros.html.j2" as m %}}
{{% set p = t.panel().pick("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "本年支出合计")
               .renamed({{"本年支出合计": "支出合计", "科目名称": "项目"}}) %}}
{{{{ m.data_table(t, [p]) }}}}
```

删去一栏、增加数据中有的一栏（一般公共预算财政拨款支出决算表：不印全年预算数，有年初预算数时印出）：

```jinja
{{% import "macros.html.j2" as m %}}
{{{{ m.data_table(t, [t.panel().pick("年初预算数", "本年支出合计", "基本支出", "项目支出")]) }}}}
```

两面并排（基本支出表：公用经费在左，人员经费在右）：

```jinja
{{% import "macros.html.j2" as m %}}
{{% set p = t.panel() %}}
{{{{ m.data_table(t, [p.part("公用经费"), p.part("人员经费")]) }}}}
```

一行十二栏（“三公”经费表：年初预算、全年预算、决算各 合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费）：

```jinja
{{% import "macros.html.j2" as m %}}
{{% set p = t.panel().pick({three}
  ).renamed({{"年初预算数": "年初预算", "预算数": "全年预算", "决算数": "决算"}}) %}}
{{{{ m.data_table(t, [p]) }}}}
```

要完全自己写表格，可用 `t.grid([面, …])` 给出的表头行（`header`）和逐行内容（`lines`），参照
`macros.html.j2` 中的 `data_table`。

### 对象与属性
"""

#: What the guide says of each name a table template may use; `table_objects` refuses a name left out.
TABLE_OBJECTS = {
    "TableSpec": ("`t`：一张附表（`tables` 的一项）", {
        "title": "表名（标准名称）",
        "unit": "单位行文字",
        "note": "表下的说明（空表、数据未提供时），没有时为空",
        "empty": "是否为空表（没有数据或全为零）",
        "missing": "数据是否未提供（此时没有面，只印说明）",
        "panels": "本表的各面，按表式的顺序（两面的总表为 收入、支出；其他表只有一面）",
        "panel": "`t.panel(\"收入\")`：按名称取一面；只有一面的表写 `t.panel()`",
        "grid": "`t.grid([面, …])`：把几面并排，给出表头与逐行内容（默认为本表的各面）",
    }),
    "TablePanel": ("面：并排印出的一组栏目和行", {
        "name": "面的名称，印在它的各栏之上（收入、支出、人员经费、公用经费）；一面的表为空",
        "coded": "行是否带科目编码（标签栏为 科目编码、科目名称；否则为 项目）",
        "labels": "标签栏（科目编码、科目名称 或 项目）",
        "columns": "要印的数字栏，按顺序",
        "keys": "要印的数字栏的名称（列表）",
        "width": "这一面共几栏（标签栏加数字栏）",
        "rows": "各行，按数据的顺序",
        "row": "`面.row(\"合计\")`：按科目编码或固定行名称取一行",
        "pick": "`面.pick(\"栏\", …)`：只印这些栏，按这个顺序",
        "renamed": "`面.renamed({\"栏或表头文字\": \"新名称\"})`：改表头文字",
        "part": "`面.part(\"人员经费\", first=\"合计\")`：只含一部分的行",
    }),
    "TableRow": ("行", {
        "key": "科目编码，或固定行的名称（合计、本年收入合计、年初财政拨款结转和结余·一般公共预算财政拨款）",
        "code": "科目编码；固定行为空",
        "name": "行的名称（不含缩进）",
        "level": "层级：科目 1 类、2 款、3 项；固定行 1，其下的分项 2",
        "indent": "分项前的全角空格（按层级）",
        "total": "是否为合计、总计一类的行（加粗）",
        "values": "各栏的数：`row.values[\"本年支出合计\"]`，已按配置舍入；行没有的栏不在其中",
        "part": "所属部分（基本支出表的 人员经费、公用经费），其他表为空",
        "foot": "是否为某一部分的合计行（并排时印在末行）",
    }),
    "TableColumn": ("栏", {
        "key": "栏的名称（`pick` 与 `values` 用它）",
        "path": "印出的表头，从上到下（如 本年支出 / 小计）",
        "label": "末级表头文字",
    }),
    "Grid": ("`t.grid(…)` 的结果", {
        "header": "表头各行，每行是若干表头格（label 文字、colspan、rowspan、column 起始栏）",
        "lines": "表体各行，每行是各面的（面, 行）；某面在这一行没有内容时行为 none",
        "wide": "栏目多（超过 6 栏），用宽表样式",
    }),
}


def table_objects() -> list[str]:
    """| 对象 | 属性 | 说明 | for every name a table template may use, refusing one the guide does not describe."""
    from juesuan.facts import tables

    rows = ["| 对象 | 属性 | 说明 |", "|---|---|---|"]
    for name, (what, attributes) in TABLE_OBJECTS.items():
        cls = getattr(tables, name)
        public = {f.name for f in dataclasses.fields(cls) if f.name[0] != "_"}
        public |= {n for n, a in vars(cls).items() if n[0] != "_" and (isinstance(a, property) or callable(a))}
        if public != set(attributes):
            raise SystemExit(f"{name}: describe {sorted(public - set(attributes))}, drop {sorted(set(attributes) - public)}")
        rows += [f"| {what if i == 0 else ''} | `{attr}` | {cell(text)} |" for i, (attr, text) in enumerate(attributes.items())]
    return rows


def table_keys() -> list[str]:
    """Every standard table's panels, columns and fixed rows, with a figure of the 绵竹 sample."""
    from juesuan.build import compute
    from juesuan.facts.tables import BASIC, PARTS
    from juesuan.tables.forms import FORMS, PERSONNEL_CLASSES

    _, report = compute(SAMPLE)
    printed = {t.title: t for t in report.tables if not t.missing}
    lines = ["\n### 各表的面、栏和固定行\n\n栏的名称即 `pick`、`values` 中写的名称；表头是默认印出的文字。"
             "样例取自绵竹市医疗保障局 2024 年度。\n"]
    for form in FORMS:
        lines.append(f"#### {form.id}\n")
        lines += ["| 面 | 栏 | 默认表头 |", "|---|---|---|"]
        for panel in form.panels:
            shown = f"`{panel.name}`" if panel.name else "（一面）"
            lines += [f"| {shown} | `{c.key}` | {' / '.join(c.header)} |" for c in panel.columns]
        rows = "；".join(f"{p.name or '本表'}：{_kinds(p)}" + "、".join(f"`{f.key}`" for f in p.fixed)
                        for p in form.panels)
        lines.append(f"\n行（`row` 中写的名称）：{rows}。")
        if form.id == BASIC:
            lines.append(f"部分（`part` 中写的名称）：{PARTS[0]}（{'、'.join(PERSONNEL_CLASSES)} 类各科目和{PARTS[0]}合计）、"
                         f"{PARTS[1]}（其余各类和{PARTS[1]}合计）。")
        table = printed.get(form.id)
        example = _example(table) if table is not None else None
        if example:
            lines.append(f"样例：{example}")
        lines.append("")
    return lines


def _kinds(panel) -> str:
    if panel.rows == "coded":
        return "各科目（按科目编码）及"
    return "各类科目（按科目编码，印出名称）及" if panel.classes_by_name else ""


def _example(table) -> str | None:
    """`t.panel(…).row(…).values[…]` → the sample's figure, for the table's first row that has one."""
    for panel in table.panels:
        for row in panel.rows:
            for column in panel.columns:
                if column.key in row.values:
                    where = f'"{panel.name}"' if panel.name else ""
                    return (f'`t.panel({where}).row("{row.key}").values["{column.key}"]` → '
                            f"{row.values[column.key]}")
    return None


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
        "`tables`（附表，见第七节）、`charts`（图表）、`annexes`（附件）。金额印出时已按配置保留小数，单位（万元）由模板写出；"
        "标着“（无：略去该句）”的数表示样例中没有该项，模板应以 `{% if … %}` 略去相应的句子。\n",
        *facts(),
        "\n## 六、过滤器\n\n除 Jinja 自带的过滤器（`join`、`length` 等）外：\n",
        *filters(),
        TABLES_INTRO.format(three="".join(
            "\n    " + ", ".join(f'"{g}·{i}"' for i in ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费")) + ","
            for g in ("年初预算数", "预算数", "决算数"))),
        *table_objects(),
        *table_keys(),
        TYPOGRAPHY_INTRO,
        *typography(),
        REFERENCE_DOCX,
    ]
    return "\n".join(parts)


TYPOGRAPHY_INTRO = """
## 八、排版：排版.yaml 与参考样式

字体、字号、行距、段前段后、纸张与页边距、页码和分页写在版式文件夹的 `排版.yaml` 中。PDF 的样式规则和 DOCX 的
样式（正文、标题 1—5、题注……）、页面设置、页脚页码、分页都由它生成，改一处两种格式同时生效。与 `配置.yaml`
一样，它逐项覆盖所继承版式的排版，只写要改的项；字号、行距、段前、段后以磅计，纸张和页边距以毫米计；写错的项
报出文件、行、列。`print.css` 排在这些规则之后，仍可覆盖它们，但只对 PDF 生效；要两种格式一致，请改 `排版.yaml`。

```yaml
正文: {字号: 15, 行距: 26}          # 其余（字体、首行缩进）沿用所继承的版式
标题:
  一级: {段前分页: false}          # 各部分接着上一部分印，不另起一页
页面:
  页边距: {左: 30, 右: 24}
页码: {格式: "第{页码}页"}
```

字体写正式名称（仿宋_GB2312、黑体、楷体_GB2312、方正小标宋简体；数字和西文 `正文.西文字体`，默认 Times New Roman）。
DOCX 中即写这些名称，打开文件的电脑有这些字体就用它们。PDF 由本机排版：本机有的字体直接用；没有时用安装脚本
装好的开源字体代替（仿宋 FandolFang、楷体 FandolKai 或 AR PL UKai、黑体 FandolHei、宋体 FandolSong、数字
Liberation Serif，都覆盖 GB2312 的全部汉字；小标宋没有开源替代，用 FandolSong 加粗），`juesuan build` 会提示一次
哪些字体被代替。县里有正版字体文件的，放进版式文件夹的 `fonts/`，生成 PDF 时按文件里的字体名（中英文名均可）
使用并嵌入。

各项及默认值（默认版式 sichuan 的 `排版.yaml`）：
"""

REFERENCE_DOCX = """
### 参考样式（--reference-docx）

县里已有一份 Word 样式文件时，可不写 `排版.yaml` 而用它排 DOCX（与 pandoc 的 reference docx 相同）：

```bash
juesuan build 数据.yaml --reference-docx 县样式.docx
```

文件中定义了的样式（按样式名称，其次按样式 ID：Normal 正文、heading 1—5 标题、Title、caption、Table Grid，
以及本程序的 Cover Year、Table Text 等）替换生成文档中的同名样式，连同它们所基于的样式、文档默认格式和主题字体；
文件的纸张大小、方向和页边距也用于 DOCX。只取样式和页面设置，不取正文、页眉页脚和编号。PDF 仍按 `排版.yaml`。
文件须是 .docx，不超过 20 MB，不得含宏；不符合时报错并说明原因，不生成任何文件。在脚本中：
`Options(reference_docx=Path("县样式.docx"))`。
"""


def typography() -> list[str]:
    """The keys of 排版.yaml with the default layout's values: plain values, then the kinds of text."""
    from pydantic import BaseModel

    from juesuan.render.typography import HeadingLook, Look, Typography, default_typography

    plain = ["| 项 | 默认值 | 说明 |", "|---|---|---|"]
    kinds = ["\n下面每种文字可写的项见其后一表；没写的项字体、字号同正文，行距按正文的行距与字号之比，不加粗，"
             "段前段后为 0。\n", "| 文字 | 说明 | 默认版式所写 |", "|---|---|---|"]

    def shown(value) -> str:
        return f"{value:g}" if isinstance(value, float) else cell(str(value))

    def written(look: Look) -> str:
        said = [name if value is True else f"{name} {shown(value)}"
                for name, value, default in ((f.alias, getattr(look, key), f.default)
                                             for key, f in type(look).model_fields.items()) if value != default]
        return "；".join(said) or "（全同正文）"

    def walk(model: type[BaseModel], value, path: str) -> None:
        for key, field in model.model_fields.items():
            inner, name = getattr(value, key), f"{path}.{field.alias}" if path else field.alias
            if isinstance(inner, Look):
                kinds.append(f"| `{name}` | {field.description} | {written(inner)} |")
            elif isinstance(inner, BaseModel):
                walk(type(inner), inner, name)
            else:
                plain.append(f"| `{name}` | {shown(inner)} | {field.description} |")

    walk(Typography, default_typography(), "")
    looks = ["\n| 每种文字可写 | 说明 |", "|---|---|"] + [
        f"| `{field.alias}` | {field.description}{'（只用于各级标题）' if key == 'new_page' else ''} |"
        for key, field in HeadingLook.model_fields.items()]
    return plain + kinds + looks


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
