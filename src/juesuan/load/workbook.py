"""Read an Excel workbook (.xlsx with openpyxl, .xls with xlrd) into plain sheets of cells.

Nothing here knows about 决算 forms: a cell is its text, and, when Excel stored a number, the exact Decimal
it displays. Excel keeps numbers as binary floats (1332.21 is stored as 1332.2100000000000364), so a float
is converted with the decimals of the cell's number format ("#,##0.00" → 2), or, for a General cell, with
the 15 significant digits Excel itself shows. The file type is told by its first bytes, not its name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..errors import DataError, Problem, os_reason

MAX_ROWS, MAX_COLUMNS = 5000, 200  # cells past these are not read (the sheet says where they begin)
MAX_UNPACKED = 100 * 1024 * 1024   # bytes of a .xlsx once unzipped; a province's full 决算 export is under 20 MB
LARGEST = 1e15                      # no amount reaches this; a cell that does is not read as one
MAX_PLACES = 10                     # as validate.types: the decimals an amount may have
_XLSX_MAGIC, _XLS_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Cell:
    text: str = ""                      # what the cell shows (numbers as their exact decimal text)
    number: Decimal | None = None       # the exact number, when the cell holds one
    unresolved: bool = False            # a formula whose result was never calculated


EMPTY = Cell()


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # first row, first col, last row, last col
    beyond: str | None = None   # the first cell found past MAX_ROWS × MAX_COLUMNS, which was not read

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, column: int) -> Cell:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row]):
            return self.rows[row][column]
        return EMPTY

    def merged_origin(self, row: int, column: int) -> tuple[int, int]:
        """The top-left cell of the merged area covering (row, column), or the cell itself."""
        for r0, c0, r1, c1 in self.merged:
            if r0 <= row <= r1 and c0 <= column <= c1:
                return r0, c0
        return row, column

    def shown(self, row: int, column: int) -> Cell:
        """The cell as a reader sees it: a merged area shows its top-left value everywhere."""
        return self.cell(*self.merged_origin(row, column))


def ref(row: int, column: int) -> str:
    """A1-style name of a zero-based cell: (11, 4) → E12."""
    letters, n = "", column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of the workbook at `path`; DataError in words an officer understands when it cannot be read."""
    path = Path(path)
    try:
        head = path.open("rb").read(8)
    except OSError as exc:
        raise _error(path, f"无法读取文件：{os_reason(exc)}", f"cannot read file: {exc.strerror}") from exc
    try:
        if head.startswith(_XLSX_MAGIC):
            return _read_xlsx(path)
        if head.startswith(_XLS_MAGIC):
            return _read_xls(path)
    except DataError:
        raise
    except Exception as exc:  # a damaged or encrypted file: the libraries raise many kinds of errors
        raise _error(path, "无法打开这个 Excel 文件（文件可能已损坏或设置了密码）；请在 Excel 中打开后另存为 .xlsx 再试",
                     f"cannot open the workbook: {exc}") from exc
    raise _error(path, "不是 Excel 工作簿（.xlsx 或 .xls）；如是 WPS 或 CSV 文件，请另存为 .xlsx",
                 "not an Excel workbook")


def _error(path: Path, zh: str, en: str) -> DataError:
    return DataError([Problem(path, None, None, "", zh, en)])


def decimals_of(number_format: str | None) -> int | None:
    """Decimal places a number format shows ("#,##0.00" → 2, "0" → 0); None for General."""
    if not number_format or number_format.lower() == "general":
        return None
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", number_format.split(";")[0])
    if not re.search(r"[0#?]", section):
        return None
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def exact(value: float | int, number_format: str | None) -> Decimal:
    """The Decimal an Excel number displays: its format's places, or Excel's 15 significant digits (never
    more than MAX_PLACES decimals: a format of thirty zeros shows no more than Excel can hold)."""
    places = decimals_of(number_format)
    places = None if places is None else min(places, MAX_PLACES)
    if isinstance(value, int):
        return Decimal(value) if not places else Decimal(value).quantize(Decimal(1).scaleb(-places))
    if places is None:
        shown = Decimal(format(value, ".15g"))
        if shown == shown.to_integral_value():
            return shown.quantize(Decimal(1))
        return shown if shown.as_tuple().exponent >= -MAX_PLACES else shown.quantize(Decimal(1).scaleb(-MAX_PLACES),
                                                                                       rounding=ROUND_HALF_UP)
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _is_percent(number_format: str | None) -> bool:
    return bool(number_format) and "%" in re.sub(r'"[^"]*"|\\.', "", number_format.split(";")[0])


def _number_cell(value: float | int, number_format: str | None) -> Cell:
    """A number as the cell shows it. A percentage (0.91 shown as 91%) is text, never an amount; so is a
    number no amount can be (infinite, or 10¹⁵ and over), which the reader then reports at its cell."""
    if not math.isfinite(value) or abs(value) >= LARGEST:
        return Cell(format(value, "g"))
    if _is_percent(number_format):
        places = decimals_of(number_format.replace("%", "")) or 0
        shown = Decimal(repr(float(value) * 100)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return Cell(f"{shown:f}%")
    number = exact(value, number_format)
    return Cell(f"{number:f}", number)


_INVISIBLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: object) -> str:
    """A text cell as it reads: characters no document can hold (_x000B_ in a cell, a stray NUL) become
    spaces, so a name printed from the workbook never breaks the DOCX."""
    return _INVISIBLE.sub(" ", str(value)).strip()


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    while rows and not any(c.text for c in rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(r) if c.text or c.unresolved), default=0) for r in rows), default=0)
    return [r[:width] + [EMPTY] * (width - len(r[:width])) for r in rows]


_SUM = re.compile(r"^=\s*([A-Z]{1,3}\d{1,7}(?:\s*\+\s*[A-Z]{1,3}\d{1,7})*)\s*$")


def _added(formula: str, values, formulas, seen: frozenset[str]) -> Decimal | None:
    """The value of a formula that only adds cells ("=C7+C9", as `juesuan template` writes), for a file saved
    by a tool that did not calculate it; None for any other formula (it is then reported, never guessed)."""
    match = _SUM.match(formula)
    if match is None:
        return None
    total = Decimal(0)
    for name in re.split(r"\s*\+\s*", match.group(1)):
        if name in seen:
            return None
        value = values[name].value
        inner = formulas[name].value
        if value is None and isinstance(inner, str) and inner.startswith("="):
            value = _added(inner, values, formulas, seen | {name})
            if value is None:
                return None
        elif value is None:
            value = Decimal(0)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value) or abs(value) >= LARGEST:
                return None
            value = exact(value, values[name].number_format)
        else:
            return None
        total += value
    return total


def _read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl

    _refuse_bomb(path)
    formulas = openpyxl.load_workbook(path, data_only=False)
    has_formulas = any(isinstance(c.value, str) and c.value.startswith("=")
                       for ws in formulas.worksheets for c in _stored(ws))
    values = openpyxl.load_workbook(path, data_only=True) if has_formulas else formulas   # cached results
    sheets = []
    for ws in values.worksheets:
        wf = formulas[ws.title]
        grid: dict[int, dict[int, Cell]] = {}
        beyond = None
        for cell in _stored(ws):
            r, c = cell.row - 1, cell.column - 1
            if r >= MAX_ROWS or c >= MAX_COLUMNS:
                beyond = beyond or ref(r, c)
                continue
            value = cell.value
            if value is None:
                formula = wf.cell(r + 1, c + 1).value
                if not (isinstance(formula, str) and formula.startswith("=")):
                    continue
                computed = _added(formula, ws, wf, frozenset({cell.coordinate}))
                shown = Cell(f"{computed:f}", computed) if computed is not None else Cell(unresolved=True)
            elif isinstance(value, bool):
                shown = Cell(str(value))
            elif isinstance(value, (int, float)):
                shown = _number_cell(value, cell.number_format)
            else:
                shown = Cell(_text(value))
            grid.setdefault(r, {})[c] = shown
        height = max(grid, default=-1) + 1
        width = max((max(row) for row in grid.values()), default=-1) + 1
        rows = [[grid.get(r, {}).get(c, EMPTY) for c in range(width)] for r in range(height)]
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges
                  if m.min_row <= MAX_ROWS and m.min_col <= MAX_COLUMNS]
        sheets.append(Sheet(_text(ws.title), _trim(rows), merged, beyond))
    return sheets


def _stored(ws):
    """The cells a sheet actually holds (a value, a formula or only a style), in no fixed order. Walking
    `iter_rows` instead would create every cell up to the last used one: a single entry in XFD1048576
    would mean 17 billion cells."""
    return list(ws._cells.values())       # openpyxl keeps a sheet's cells sparse, keyed (row, column)


def _refuse_bomb(path: Path) -> None:
    """A .xlsx is a zip: refuse one whose parts would unpack to more than any 决算 workbook holds, before
    openpyxl unpacks it (a 600 KB file can hold 600 MB of one repeated letter)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise _error(path, f"工作簿解压后超过 {MAX_UNPACKED / 1024 / 1024:g} MB，远大于任何决算报表，请检查是否选错了文件",
                     f"the workbook unpacks to over {MAX_UNPACKED / 1024 / 1024:g} MB")


def _read_xls(path: Path) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    sheets = []
    for index in range(book.nsheets):
        sh = book.sheet_by_index(index)
        rows = []
        for r in range(min(sh.nrows, MAX_ROWS)):
            cells = []
            for c in range(min(sh.ncols, MAX_COLUMNS)):
                cell = sh.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    cells.append(EMPTY)
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
                    cells.append(_number_cell(cell.value, fmt.format_str if fmt else None))
                elif cell.ctype == xlrd.XL_CELL_TEXT:
                    cells.append(Cell(_text(cell.value)))
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    cells.append(Cell("#错误", unresolved=True))
                else:
                    cells.append(Cell(str(cell.value)))
            rows.append(cells)
        beyond = ref(MAX_ROWS, 0) if sh.nrows > MAX_ROWS else ref(0, MAX_COLUMNS) if sh.ncols > MAX_COLUMNS else None
        merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells]
        sheets.append(Sheet(_text(sh.name), _trim(rows), merged, beyond))
        book.unload_sheet(index)
    return sheets
