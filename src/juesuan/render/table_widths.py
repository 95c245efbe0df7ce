"""Column widths of every table, decided once from its content and written into the HTML as a <colgroup>.

The PDF (fixed table layout) and the DOCX (its grid) both read these widths, so a table looks the same in
both and identical tables (same group) look identical. The rules, in em of the table's font:

- a figure or code never wraps: its column is at least as wide as the widest one (digits 0.6 em, which
  covers the CJK face's bold digits; CJK one em);
- a header label breaks only between words: its column is at least as wide as its longest chunk (a whole
  label of up to four characters, else words joined up to four characters, see `words`), and the pass
  writes the label's lines with <br> so neither PDF nor Word can break it elsewhere;
- text columns share what is left;
- when the minimums do not fit, the table takes the next smaller font step (table → wide → narrow) before
  anything breaks inside a word;
- when they do not fit even at the narrow step, the table goes on landscape pages (`turn`): its widths are
  those of the turned page's text block, the page's height less the same left and right margins (the margins
  are not rotated, so the page number stays at the foot as on every page). Only a table too wide for that
  too has every column give up the same share, breaking labels inside words.

Tables with the same header (or the same `data-group`) get the widths of all of them together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.etree import Element, SubElement

from . import attributes

NARROW_PT = 8                 # the smallest table font (the "narrow" step), below 小五
PADDING_PT = 8                # 3 pt padding each side, half borders and a point of slack
MIN_TEXT_EM = 4               # a text column is never narrower than four characters unless its text is
MAX_LINE_EM = 24              # a text cell longer than this wraps anyway: it asks no more width
MAX_COLUMNS = 63
DIGIT_EM = 0.6
_FIGURE = re.compile(r"[-+−]?[0-9][0-9,.]*%?|[0-9A-Za-z]+")  # amounts, rates, 科目编码
_LATIN_RUN = re.compile(r"[!-~]+")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_PREFIXES = frozenset("对和及与")        # join the following word
_SUFFIXES = frozenset("费数率值额")      # join the preceding word
_LEXICON = frozenset("""
本年 上年 年初 年末 全年 年度 本期 收入 支出 合计 小计 总计 结转 结余 资金 经费 项目 编码 名称 分类 科目 预算 决算
财政 拨款 财政拨款 一般公共 政府性 基金 国有资本 经营 上级 补助 上缴 附属 单位 附属单位 事业 其他 基本 人员 公用
调整 调整后 追加 执行 完成 未完成 指标 一级指标 二级指标 三级指标 指标值 完成值 分值 得分 偏差 原因 偏差原因 改进
措施 改进措施 主要 任务 主要任务 任务名称 内容 主要内容 实际 完成情况 情况 总体 目标 预期 实施 主管 部门 主管部门
实施单位 公务 用车 公务用车 购置 运行 接待 公务接待 因公 出国 因公出国 三公 类别 类型 序号 金额 万元 用途 绩效
""".split())


@dataclass(frozen=True)
class Placed:
    """One HTML cell on the column grid."""

    row: int
    col: int
    colspan: int
    rowspan: int
    element: object


def place(rows: Sequence) -> tuple[list[Placed], int]:
    """The cells of `rows` on the column grid, colspan and rowspan resolved as a browser does, and the
    number of columns."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.iterchildren("td", "th"):
            while (r, c) in taken:
                c += 1
            rowspan = attributes.integer(td.get("rowspan"), 1, 1, len(rows) - r)
            colspan = attributes.integer(td.get("colspan"), 1, 1, MAX_COLUMNS + 1)
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            cells.append(Placed(r, c, colspan, rowspan, td))
            c += colspan
    return cells, max((c + 1 for _, c in taken), default=1)


def em(text: str) -> float:
    """Width of `text` in em: CJK and full-width one em, '%' one em, other characters DIGIT_EM."""
    return sum(1.0 if ord(ch) >= 0x2000 or ch == "%" else DIGIT_EM for ch in text)


def words(label: str) -> list[str]:
    """The pieces a header label may break between, in order: its own line breaks, spaces and '/', before
    an opening bracket or quote, after a closing one; a piece of up to four characters is whole, a longer one is cut
    into words of the lexicon (else two characters), 对/和/及/与 joining the next and 费/数/率 the previous."""
    out = []
    for segment in re.split(r"[\s]+|(?<=/)", label):
        for piece in re.split(r"(?=[（(“])|(?<=[）)”])(?=..)", segment):
            out.extend(_cut(piece) if em(piece) > 4 else [piece] if piece else [])
    return out


def _cut(piece: str) -> list[str]:
    found, i = [], 0
    while i < len(piece):
        size = next((k for k in (4, 3, 2) if piece[i:i + k] in _LEXICON), 1 if piece[i] in _PREFIXES else 2)
        found.append(piece[i:i + size])
        i += size
    joined: list[str] = []
    for word in found:
        if joined and (joined[-1] in _PREFIXES or word in _SUFFIXES):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def chunks(label: str) -> list[str]:
    """Words joined while they stay within four characters: the longest decides the column's minimum, so a
    header is at most a few lines of whole words."""
    out: list[str] = []
    for line in label.split("\n"):
        start = len(out)
        for word in words(line):
            if len(out) > start and em(out[-1] + word) <= 4:
                out[-1] += word
            else:
                out.append(word)
    return out


def lines(label: str, width_em: float) -> list[str] | None:
    """The label's lines in a cell `width_em` wide, broken between words only; None when a word is wider."""
    out: list[str] = []
    for line in label.split("\n"):
        current = ""
        for word in words(line):
            if em(word) > width_em + 0.01:
                return None
            if current and em(current + word) > width_em + 0.01:
                out.append(current)
                current = word
            else:
                current += word
        out.append(current)
    return out


@dataclass(frozen=True)
class _Need:
    low: float   # em the cell must have
    high: float  # em it would use on one line
    text: bool   # body text, which takes the spare width


def _need(cell: Placed, in_head: bool) -> _Need:
    text = cell_text(cell.element)
    if in_head or cell.element.tag == "th":
        return _Need(max((em(c) for c in chunks(text)), default=0), max(em(x) for x in text.split("\n")), False)
    flat = text.replace("\n", "")
    if is_figure(cell.element):
        return _Need(em(flat), em(flat), False)
    latin = max((em(run) for run in _LATIN_RUN.findall(flat)), default=0)
    longest = max((em(x) for x in text.split("\n")), default=0)
    return _Need(max(latin, min(longest, MIN_TEXT_EM)), min(longest, MAX_LINE_EM), bool(flat))


def is_figure(el) -> bool:
    """A figure or code cell (td.num, or text such as 2080505, 1,778.52, 98.5%): never wrapped."""
    return "num" in el.classes or _FIGURE.fullmatch(cell_text(el).replace("\n", "")) is not None


def cell_text(el) -> str:
    """The cell's text as printed: white space collapsed, <br> as a line break."""
    parts = [el.text or ""]
    for child in el.iterdescendants():
        parts.append("\n" if child.tag == "br" else (child.text or ""))
        parts.append(child.tail or "")
    return "\n".join(_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))


@dataclass(frozen=True)
class Fit:
    percents: list[float]  # of the table's width, per column
    step: int              # 0 table font, 1 wide, 2 narrow
    fits: bool             # the minimums fit; else every column gave up the same share


def fit(tables: Iterable, sizes: Sequence[float], width_pt: float, start: int = 0) -> Fit:
    """Widths shared by `tables` (same columns) in a text block `width_pt` wide, trying the font `sizes`
    from `start` on."""
    needs: list[tuple[Placed, _Need]] = []
    ncols = 1
    for table in tables:
        cells, n = place(list(table.iter("tr")))
        ncols = max(ncols, n)
        needs += [(c, _need(c, c.element.getparent().getparent().tag == "thead")) for c in cells]
    low, high, text = [0.0] * ncols, [0.0] * ncols, [False] * ncols
    for cell, need in sorted(needs, key=lambda pair: pair[0].colspan):
        span = range(cell.col, min(cell.col + cell.colspan, ncols))
        if len(span) == 1:
            low[cell.col], high[cell.col] = max(low[cell.col], need.low), max(high[cell.col], need.high)
            text[cell.col] |= need.text
            continue
        _spread(low, span, need.low)
        if not need.text:
            _spread(high, span, need.high)
    high = [max(h, lo) for h, lo in zip(high, low)]
    for step in range(start, len(sizes)):
        room = width_pt / sizes[step] - ncols * PADDING_PT / sizes[step]  # em available for content
        if sum(low) <= room or step == len(sizes) - 1:
            return Fit(_share(low, high, text, room, ncols * PADDING_PT / sizes[step]), step, sum(low) <= room)
    raise AssertionError("unreachable")


def _spread(values: list[float], span: range, need: float) -> None:
    """Widen the spanned columns evenly until together (with the padding between them) they hold `need`."""
    have = sum(values[c] for c in span)  # the padding between them is left over, to be safe
    if need > have:
        for c in span:
            values[c] += (need - have) / len(span)


def _share(low, high, text, room: float, padding_em: float) -> list[float]:
    """Minimums first; then the spare width lets body text stand on one line, then header labels; what is
    still left widens the text columns (all columns when there are none)."""
    if sum(low) > room:  # nothing fits: every column gives up the same share
        widths = [lo * room / sum(low) for lo in low]
    else:
        widths, spare = list(low), room - sum(low)
        for wanted in ([h - w if t else 0 for h, w, t in zip(high, widths, text)], None):
            wanted = wanted if wanted is not None else [h - w for h, w in zip(high, widths)]
            if sum(wanted) > 0:
                take = min(1.0, spare / sum(wanted))
                widths = [w + g * take for w, g in zip(widths, wanted)]
                spare -= sum(wanted) * take
        takers = [w if t else 0 for w, t in zip(widths, text)]
        takers = takers if any(takers) else widths
        widths = [w + spare * t / sum(takers) for w, t in zip(widths, takers)]
    total = room + padding_em
    each = padding_em / len(widths)
    return [round(100 * (w + each) / total, 3) for w in widths]


def group_key(table) -> str:
    """Tables printing the same form share their widths: by `data-group`, else by their header's labels."""
    if table.get("data-group"):
        return "group:" + table.get("data-group")
    head = table.find("thead")
    if head is None:
        return f"table:{id(table)}"
    labels = [(c.tag, c.get("colspan"), c.get("rowspan"), cell_text(c)) for c in head.iter("th", "td")]
    return f"head:{labels!r}"


def fit_tables(html: str, sizes: Sequence[float], width_pt: float, landscape_pt: float = 0) -> str:
    """The document with a <colgroup> in every table, a font step class where needed, and header labels
    broken between words; a table whose minimums do not fit `width_pt` at the smallest step goes on
    landscape pages `landscape_pt` wide (when that is wider)."""
    root = lxml_html.document_fromstring(html)
    groups: dict[str, list] = {}
    for table in root.iter("table"):
        groups.setdefault(group_key(table), []).append(table)
    turned = set()
    for tables in groups.values():
        start = 1 if any("wide" in t.classes for t in tables) else 0
        result, width = fit(tables, sizes, width_pt, start), width_pt
        if not result.fits and landscape_pt > width_pt:
            result, width = fit(tables, sizes, landscape_pt, start), landscape_pt
            turned.update(tables)
        for table in tables:
            apply(table, result, sizes[result.step], width)
    for table in [t for t in root.iter("table") if t in turned]:  # in document order, so neighbours merge
        turn(table)
    return lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


LANDSCAPE = "landscape"  # the class of the <div> holding what goes on landscape pages
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5"))


def turn(table) -> None:
    """Put `table` on landscape pages with what belongs to it: the headings and 单位 line just before it,
    its notes just after. They go into a <div class="landscape">, which starts a page by itself, so a
    page break just before it is dropped; a table right after another turned one joins its <div>."""
    before = table.getprevious()
    while before is not None and (before.tag in _HEADINGS or before.tag == "p" and "unit" in before.classes):
        before = before.getprevious()
    first = before.getnext() if before is not None else table.getparent()[0]
    members = [first, *first.itersiblings()]
    members = members[:members.index(table) + 1]
    for after in table.itersiblings():
        if after.tag != "p" or not {"note", "empty-note"} & set(after.classes):
            break
        members.append(after)
    breaking = before is not None and before.tag == "div" and "page-break" in before.classes
    earlier = before.getprevious() if breaking else before
    if earlier is not None and earlier.tag == "div" and LANDSCAPE in earlier.classes:
        wrapper = earlier                      # the next page of the same landscape pages
        members = [before, *members] if breaking else members
    else:
        if breaking:
            before.getparent().remove(before)  # its tail is white space
        wrapper = lxml_html.Element("div", {"class": LANDSCAPE})
        members[0].addprevious(wrapper)
    wrapper.extend(members)


STEP_CLASSES = ("", "wide", "narrow")


def apply(table, result: Fit, size: float, width_pt: float) -> None:
    """Write `result` into `table`: its colgroup, its font step, the lines of its header labels and of the
    body's two-line labels."""
    for old in table.findall("colgroup"):
        table.remove(old)
    group = Element("colgroup")
    for pct in result.percents:
        SubElement(group, "col", {"style": f"width:{pct:g}%", "data-width": f"{pct:g}"})
    caption = table.find("caption")
    table.insert(1 if caption is not None and table.index(caption) == 0 else 0, group)
    classes = [c for c in table.classes if c not in STEP_CLASSES[1:]]
    if result.step:
        classes.append(STEP_CLASSES[result.step])
    table.set("class", " ".join(classes))
    cells, _ = place(list(table.iter("tr")))
    for cell in cells:
        head = cell.element.tag == "th" or cell.element.getparent().getparent().tag == "thead"
        if all(child.tag == "br" for child in cell.element) and (head or not is_figure(cell.element)):
            span = result.percents[cell.col:cell.col + cell.colspan]
            width = (sum(span) / 100 * width_pt - PADDING_PT) / size
            found = lines(cell_text(cell.element), width)
            if found is not None and (len(found) > 1 if head else len(found) == 2):  # a short label in the body
                _set_lines(cell.element, found)  # too: “三公”/经费, where the browser would cut “三/公”经费


def _set_lines(el, found: list[str]) -> None:
    for child in list(el):
        el.remove(child)
    el.text = found[0]
    for line in found[1:]:
        SubElement(el, "br").tail = line


def font_steps(typography) -> tuple[float, float, float]:
    """The table font sizes to try, in points: 表格.字号, 表格.宽表字号, then NARROW_PT (never larger)."""
    wide = typography.tables.wide_size
    return typography.tables.size, wide, min(NARROW_PT, wide)


def fit_document(html: str, typography) -> str:
    """`fit_tables` for the text block and table fonts of `typography` (a layout's 排版), and its page turned."""
    page = typography.page
    turned = page.height - page.margins.left - page.margins.right
    return fit_tables(html, font_steps(typography), page.text_width * 72 / 25.4, turned * 72 / 25.4)
