"""A layout's 排版: the one definition of fonts, sizes, spacing, margins, page numbers and page breaks.

Both outputs are built from it — the PDF through the CSS rules `stylesheet()` writes ahead of the layouts'
print.css (which may still override them for the PDF alone), the DOCX through its named styles, page setup,
footer and page breaks (`write.docx_styles`) — so the two cannot drift apart as hand-kept copies did.

Each layout folder may hold a 排版.yaml. The chain is merged key by key — the default layout's complete file
first, each more specific layout overriding only the keys it writes — and validated once, so a mistake is
reported at the file, line and column that wrote it, in the words of 配置.yaml's messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from ..errors import DataError, Problem, clip
from ..layout import DEFAULT, layouts_root
from ..load.yaml_reader import RawDocument, dotted, read_yaml
from ..validate.messages import translate
from ..validate.types import F, Form
from .environment import inside
from .fonts import (SAFE_NAME, FontFile, family_list, font_face_rules, latin_face, latin_family, layout_fonts,
                    read_assets)
from .table_widths import font_steps

FILE = "排版.yaml"
PAGE_FIELD = "{页码}"                 # where the page number goes in 页码.格式
MIN_TEXT_MM = 50                     # margins must leave a text block at least this wide and high
_NUMBER = re.compile(r"^\d{1,4}(\.\d{1,3})?$")


def _measure(low: float, high: float, unit: str):
    """A number of `unit` between `low` and `high`, said in Chinese with the text as written when it is not."""

    def parse(value: Any) -> float:
        text = "" if value is None or isinstance(value, bool) else str(value).strip()
        if not _NUMBER.match(text):
            raise PydanticCustomError("typography_number", "应填写数字（如 16 或 10.5，不带单位），实际为「{value}」",
                                      {"value": clip(value)})
        number = float(text)
        if not low <= number <= high:
            raise PydanticCustomError("typography_range", "应在 {low} 到 {high} {unit}之间，实际为「{value}」",
                                      {"low": _n(low), "high": _n(high), "unit": unit, "value": text})
        return number

    return Annotated[float, BeforeValidator(parse)]


def _font(value: Any) -> str:
    text = "" if value is None or isinstance(value, (bool, list, dict)) else str(value).strip()
    if not SAFE_NAME.match(text):
        raise PydanticCustomError("typography_font", "字体名应为 1 到 40 个文字、数字、空格、下划线或连字符，实际为「{value}」",
                                  {"value": clip(value)})
    return text


def _page_number_format(value: Any) -> str:
    text = "" if value is None or isinstance(value, (bool, list, dict)) else str(value).strip()
    if text.count(PAGE_FIELD) != 1 or len(text) > 40 or not text.isprintable():
        raise PydanticCustomError("typography_page_number",
                                  "页码格式应为一行不超过 40 个字的文字，其中恰有一处 {field}（印页码处），实际为「{value}」",
                                  {"field": PAGE_FIELD, "value": clip(value)})
    return text


FontSize = _measure(5, 72, "磅")
Leading = _measure(5, 144, "磅")
Spacing = _measure(0, 600, "磅")
PageSide = _measure(50, 1200, "毫米")
Margin = _measure(0, 300, "毫米")
Indent = _measure(0, 10, "字")
FontName = Annotated[str, BeforeValidator(_font)]
Align = Literal["左", "居中", "右", "两端"]


class Margins(Form):
    top: Margin = F("上", description="上边距（毫米）")
    bottom: Margin = F("下", description="下边距（毫米）")
    left: Margin = F("左", description="左边距（毫米）")
    right: Margin = F("右", description="右边距（毫米）")


class Page(Form):
    width: PageSide = F("宽", description="纸张宽度（毫米）；宽大于高即横向")
    height: PageSide = F("高", description="纸张高度（毫米）")
    margins: Margins = F("页边距", description="上、下、左、右边距（毫米）")

    @model_validator(mode="after")
    def _room_for_text(self) -> Page:
        if min(self.text_width, self.text_height) < MIN_TEXT_MM:
            raise PydanticCustomError("typography_page", "页边距过大：版心只剩 {w}×{h} 毫米，宽和高都至少应为 {min} 毫米",
                                      {"w": _n(self.text_width), "h": _n(self.text_height), "min": MIN_TEXT_MM})
        return self

    @property
    def text_width(self) -> float:
        return self.width - self.margins.left - self.margins.right

    @property
    def text_height(self) -> float:
        return self.height - self.margins.top - self.margins.bottom


class Body(Form):
    font: FontName = F("字体", description="正文字体（DOCX 中即此字体名；PDF 另列其常见别名和开源替代字体，最后以 Noto CJK 兜底）")
    latin: FontName = F("西文字体", "Times New Roman",
                        description="数字和西文字母的字体（各级标题、表格同用；本机没有时 PDF 用同宽的 Liberation Serif）")
    size: FontSize = F("字号", description="正文字号（磅；三号为 16）")
    line: Leading = F("行距", description="正文行距（磅，固定值）")
    indent: Indent = F("首行缩进", description="段落首行缩进（字）")


class Look(Form):
    """One kind of text; what it does not say, it takes from 正文."""

    font: FontName | None = F("字体", None, description="字体；不写则同正文")
    size: FontSize | None = F("字号", None, description="字号（磅）；不写则同正文")
    line: Leading | None = F("行距", None, description="行距（磅，固定值）；不写则按正文的行距与字号之比")
    bold: bool = F("加粗", False, description="是否加粗（true / false）")
    align: Align | None = F("对齐", None, description="左、居中、右或两端；不写则随所在之处。居中和右对齐的不缩进")
    before: Spacing = F("段前", 0, description="段前间距（磅）")
    after: Spacing = F("段后", 0, description="段后间距（磅）")


class HeadingLook(Look):
    new_page: bool = F("段前分页", False, description="是否从新的一页开始（PDF 与 DOCX 同样分页）")


class Headings(Form):
    h1: HeadingLook = F("一级", description="一级标题：第一部分……、附件")
    h2: HeadingLook = F("二级", description="二级标题：一、")
    h3: HeadingLook = F("三级", description="三级标题：（一）")
    h4: HeadingLook = F("四级", description="四级标题：1.")
    h5: HeadingLook = F("五级", description="五级标题：（1）")


class Cover(Form):
    year: Look = F("年度", description="封面的“2024年度”")
    title: Look = F("题目", description="封面的单位名称和“部门决算”")
    unit: Look = F("单位", description="封面下方的单位名称")
    date: Look = F("日期", description="封面的公开时间")


class Tables(Form):
    size: FontSize = F("字号", description="表格文字的字号（磅；五号为 10.5）")
    wide_size: FontSize = F("宽表字号", description="宽表（列多的表）文字的字号（磅）")
    caption: Look = F("表题", description="表格上方的表名")
    unit: Look = F("单位行", description="表格上方的“单位：万元”")


class PageNumber(Form):
    format: Annotated[str, BeforeValidator(_page_number_format)] = F(
        "格式", description=f"页脚中的页码，{PAGE_FIELD} 处印页码；封面不印")
    font: FontName = F("字体", description="页码字体")
    size: FontSize = F("字号", description="页码字号（磅）")
    place: Literal["外侧", "居中"] = F(
        "位置", "外侧", description="外侧：单页居右、双页居左，各空一字（GB/T 9704）；居中：每页居中")
    on_toc: bool = F("目录页印页码", True, description="目录页是否印页码（不印时仍计入页数）")


@dataclass(frozen=True)
class Resolved:
    """A kind of text with nothing left to take from 正文: what both writers print."""

    font: str
    size: float
    line: float
    bold: bool
    align: Align | None
    before: float
    after: float
    new_page: bool = False

    @property
    def indented(self) -> bool:
        """Centred and right-aligned text never takes the body's first-line indent."""
        return self.align not in ("居中", "右")


class Typography(Form):
    page: Page = F("页面", description="纸张与页边距")
    body: Body = F("正文", description="正文")
    headings: Headings = F("标题", description="各级标题")
    cover: Cover = F("封面", description="封面")
    tables: Tables = F("表格", description="表格")
    note: Look = F("注释", description="表下的“注：”和“本表数据未提供”")
    figure_caption: Look = F("图题", description="图下方的图名")
    page_number: PageNumber = F("页码", description="页脚中的页码")
    _fonts: tuple[FontFile, ...] = PrivateAttr(default=())

    @property
    def fonts(self) -> tuple[FontFile, ...]:
        """The font files of the layout's fonts/ folders, embedded in the PDF."""
        return self._fonts

    def faces(self) -> list[str]:
        """Every face the document is set in, once each, body first."""
        looks = [self.heading(n) for n in range(1, 6)] + [self.resolved(look) for look in (
            self.cover.year, self.cover.title, self.cover.unit, self.cover.date, self.tables.caption,
            self.tables.unit, self.note, self.figure_caption)]
        return list(dict.fromkeys([self.body.font, self.body.latin, *(look.font for look in looks),
                                   self.page_number.font]))

    def resolved(self, look: Look) -> Resolved:
        body = self.body
        size = look.size if look.size is not None else body.size
        line = look.line if look.line is not None else body.line * size / body.size
        return Resolved(look.font or body.font, size, line, look.bold, look.align, look.before, look.after,
                        getattr(look, "new_page", False))

    def heading(self, level: int) -> Resolved:
        return self.resolved(getattr(self.headings, f"h{level}"))

    def page_number_parts(self) -> tuple[str, str]:
        """The text before and after the page number."""
        before, after = self.page_number.format.split(PAGE_FIELD)
        return before, after


# ---------------------------------------------------------------- reading the chain


def load_typography(folders: Sequence[Path]) -> Typography:
    """The 排版 of a chain of layout folders (most specific first, as `Layout.folders` lists them)."""
    files = []
    for folder in reversed([Path(f) for f in folders]):
        if (folder / FILE).is_file():
            files.append(read_yaml(inside(folder / FILE, [folder])))
    typography = merged(files)
    typography._fonts = layout_fonts([Path(f) for f in folders])
    return typography


@lru_cache(maxsize=1)
def default_typography() -> Typography:
    """The default layout's 排版, for writers called without a layout (scripts, tests)."""
    return load_typography([layouts_root() / DEFAULT])


def merged(documents: Sequence[RawDocument]) -> Typography:
    """`documents` (most general first) merged key by key, then validated; DataError locates each mistake
    in the file that wrote the value."""
    data: dict = {}
    where: dict[tuple, tuple[Path, int | None, int | None]] = {}
    problems = []
    for document in documents:
        if not isinstance(document.data, dict):
            problems.append(Problem(document.source.file, 1, 1, "", "文件内容应为「项目: 数值」形式的表单",
                                    "top level must be a mapping"))
            continue
        _merge_into(data, document.data)
        where.update({path: (document.source.file, *pos) for path, pos in document.source.positions.items()})
    if problems:
        raise DataError(problems)
    try:
        return Typography.model_validate(data)
    except ValidationError as exc:
        fallback = documents[-1].source.file if documents else Path(FILE)
        for error in exc.errors():
            loc = tuple(error["loc"])
            file, line, column = next((where[loc[:end]] for end in range(len(loc), -1, -1) if loc[:end] in where),
                                      (fallback, None, None))
            zh, en = translate(error, _keys(Typography))
            problems.append(Problem(file, line, column, dotted(loc), zh, en))
        problems.sort(key=lambda p: (str(p.file), p.line or 0, p.column or 0))
        raise DataError(problems) from None


def _merge_into(target: dict, overriding: dict) -> None:
    """`overriding` written over `target` key by key; `overriding` itself is left as it was."""
    for key, value in overriding.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value)
        else:
            target[key] = deepcopy(value)


def _keys(model: type[BaseModel]) -> set[str]:
    """Every key a 排版.yaml may use, for "did you mean" hints."""
    keys = set()
    for field in model.model_fields.values():
        keys.add(field.alias)
        for inner in (field.annotation, *getattr(field.annotation, "__args__", ())):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                keys |= _keys(inner)
    return keys


# ---------------------------------------------------------------- the PDF's rules

_CSS_ALIGN = {"左": "left", "居中": "center", "右": "right", "两端": "justify"}
NUMBER_GAP_MM = 4.5                  # puts the page number about 7 mm below the text block (GB/T 9704)
TABLE_LEADING = 4 / 3                # a table's line height per point of its font size (10.5 pt → 14 pt)


def font_family(name: str, latin: str | None = None) -> str:
    """A CSS family list: the ASCII-only Latin face when given, then the face's names, its open stand-ins
    and the Noto CJK face (`render.fonts`)."""
    generic = "sans-serif" if family_list(name)[-1].startswith("Noto Sans") else "serif"
    names = [*([latin] if latin else []), *family_list(name)]
    return ", ".join([*(f'"{n}"' for n in names), generic])


def _faces(t: Typography):
    latin = latin_face(t.body.latin, t.fonts)
    return font_face_rules(t.fonts, latin), (latin_family(latin) if latin else None)


def font_assets(t: Typography) -> dict[str, bytes]:
    """The font files the PDF's @font-face rules load, by asset name."""
    (_, paths), _ = _faces(t)
    return read_assets(paths)


def stylesheet(t: Typography) -> str:
    """The CSS of `t`, to be placed before the layouts' print.css so that theirs may override it."""
    page, margins, body, number = t.page, t.page.margins, t.body, t.page_number
    (faces, _), latin = _faces(t)
    before, after = t.page_number_parts()
    narrow = font_steps(t)[2]  # the width pass's smallest table font
    content = " ".join([*([_css_string(before)] if before else []), "counter(page)",
                        *([_css_string(after)] if after else [])])
    look = (f"content: {content}; font-family: {font_family(number.font)}; font-size: {_n(number.size)}pt; "
            f"line-height: {_n(number.size)}pt; text-indent: 0; vertical-align: top; padding-top: {_n(NUMBER_GAP_MM)}mm")
    if number.place == "外侧":   # 单页码居右、双页码居左，各空一字
        boxes = ["bottom-right", "bottom-left"]
        numbers = [f"@page :right {{ @bottom-right {{ {look}; text-align: right; padding-right: 1em; }} }}",
                   f"@page :left {{ @bottom-left {{ {look}; text-align: left; padding-left: 1em; }} }}"]
    else:
        boxes = ["bottom-center"]
        numbers = [f"@page {{ @bottom-center {{ {look}; text-align: center; }} }}"]
    silent = " ".join(f"@{box} {{ content: none; }}" for box in boxes)
    numbers.append(f"section.cover {{ page: cover; }}\n@page cover {{ {silent} }}")   # named, not :first, so that a
    # part laid out again on its own (`pdf_relayout`) keeps the number on its first page
    if not number.on_toc:
        numbers.append(f"nav.toc {{ page: toc; }}\n@page toc {{ {silent} }}")
    rules = [
        "/* 由 排版.yaml 生成（juesuan/render/typography.py）；其后各版式的 print.css 可以覆盖。 */",
        *([faces] if faces else []),
        f"@page {{ size: {_n(page.width)}mm {_n(page.height)}mm; margin: {_n(margins.top)}mm {_n(margins.right)}mm "
        f"{_n(margins.bottom)}mm {_n(margins.left)}mm; }}",
        f"@page landscape {{ size: {_n(page.height)}mm {_n(page.width)}mm; }}",  # too wide tables, same margins
        *numbers,
        f"html {{ font-family: {font_family(body.font, latin)}; font-size: {_n(body.size)}pt; "
        f"line-height: {_n(body.line)}pt; text-indent: {_n(body.indent)}em; }}",
        *(_rule(f"h{level}", t.heading(level), latin, heading=True) for level in range(1, 6)),
        _rule("section.cover .cover-year", t.resolved(t.cover.year), latin),
        _rule("section.cover h1.title", t.resolved(t.cover.title), latin),
        _rule("section.cover .cover-unit", t.resolved(t.cover.unit), latin),
        _rule("section.cover .cover-date", t.resolved(t.cover.date), latin),
        f"table {{ font-size: {_n(t.tables.size)}pt; line-height: {_n(t.tables.size * TABLE_LEADING)}pt; }}",
        f"table.wide {{ font-size: {_n(t.tables.wide_size)}pt; "
        f"line-height: {_n(t.tables.wide_size * TABLE_LEADING)}pt; }}",
        f"table.narrow {{ font-size: {_n(narrow)}pt; line-height: {_n(narrow * TABLE_LEADING)}pt; }}",
        _rule("caption", t.resolved(t.tables.caption), latin),
        _rule("p.unit", t.resolved(t.tables.unit), latin),
        _rule("p.note, p.empty-note", t.resolved(t.note), latin),
        _rule("figcaption", t.resolved(t.figure_caption), latin),
    ]
    return "\n".join(rules) + "\n"


def _rule(selector: str, look: Resolved, latin: str | None, heading: bool = False) -> str:
    declarations = [f"font-family: {font_family(look.font, latin)}", f"font-size: {_n(look.size)}pt",
                    f"line-height: {_n(look.line)}pt", f"font-weight: {'bold' if look.bold else 'normal'}",
                    f"margin: {_n(look.before)}pt 0 {_n(look.after)}pt"]
    if look.align is not None:
        declarations.append(f"text-align: {_CSS_ALIGN[look.align]}")
    if not look.indented:
        declarations.append("text-indent: 0")
    if heading:
        declarations.append(f"break-before: {'page' if look.new_page else 'auto'}")
    return f"{selector} {{ {'; '.join(declarations)}; }}"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _n(value: float) -> str:
    """A measure as CSS and messages print it: 16, 10.5, 141.732."""
    return f"{value:.3f}".rstrip("0").rstrip(".")
