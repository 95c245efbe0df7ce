"""Hostile variants of the samples for fuzzing: edits to a data file's text and to its workbook's cells.

A `Case` is a sample and a list of edits, drawn by hypothesis; `apply` writes it into a folder and `attempt`
runs `juesuan build` on it the way an officer would (with --allow-errors, so the writers run too) and says
what happened. Both the suite (tests/hostile/test_fuzz.py, a few dozen cases) and `tools/fuzz.py`
(thousands) use them, so a failure found by one can be replayed by the other.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from juesuan.build import build
from juesuan.errors import DataError, JuesuanError
from juesuan.exchange import export_workbook, import_workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"绵竹": ROOT / "data" / "mianzhu-yibao" / "2024.yaml", "广汉": ROOT / "data" / "guanghan-yibao" / "2021.yaml"}
SLOW_SECONDS = 20.0

HOSTILE = (
    "", "~", "null", "-1", "-0.01", "0", "1e400", "NaN", ".inf", "9" * 49, "1" * 16, "0.12345678901", "１２３",
    "1,234.56", "(12.00)", "—", "未知", "[a, b]", "{a: b}", "[[[[[[[[]]]]]]]]", "&a x", "*a", "!!python/object:os.system",
    "'", '"', "\t", "- x", ": x", "2025-02-30", "2019-01-01", "<script>alert(1)</script>", "{{ 7 * 7 }}",
    "{% for i in range(9) %}", "局/../../../../tmp/x", "a.b.c", "\\x00", "\u3000", "𠀀" * 3, "x" * 5000,
)
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(-10**20, 10**20).map(str),
    st.decimals(min_value=-10**6, max_value=10**12, places=2).map(str),
    st.from_regex(r"-?\d{1,20}(\.\d{1,14})?", fullmatch=True),
)


@dataclass(frozen=True)
class TextEdit:
    line: float               # where, as a fraction of the file (so a case fits any sample)
    kind: str                 # value | insert | delete | indent | chars
    text: str = ""


@dataclass(frozen=True)
class CellEdit:
    sheet: float
    row: int
    column: int
    kind: str                 # value | number | formula | format | rename | delete-row | merge
    text: str = ""


@dataclass(frozen=True)
class Case:
    sample: str
    inline: bool              # tables written into the YAML (edits reach them) or kept in the workbook
    text: tuple[TextEdit, ...] = ()
    cells: tuple[CellEdit, ...] = field(default=())


def cases() -> st.SearchStrategy[Case]:
    fraction = st.floats(0, 1, allow_nan=False)
    text_edit = st.builds(TextEdit, fraction, st.sampled_from(["value", "value", "insert", "delete", "indent", "chars"]),
                          VALUES)
    cell_edit = st.builds(CellEdit, fraction, st.integers(0, 40), st.integers(0, 12),
                          st.sampled_from(["value", "number", "number", "formula", "format", "rename", "delete-row",
                                           "merge"]), VALUES)
    return st.builds(Case, st.sampled_from(sorted(SAMPLES)), st.booleans(),
                     st.lists(text_edit, max_size=4).map(tuple), st.lists(cell_edit, max_size=4).map(tuple))


@functools.cache
def _base(sample: str, inline: bool) -> Path:
    """The sample copied once per process: narrative + .xlsx workbook, or with the tables inline."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-base-"))
    source = SAMPLES[sample]
    data = folder / source.name
    shutil.copy(source, data)
    workbook = next(source.parent.glob(f"{source.stem}.xls*"))
    if inline:
        import_workbook(workbook, data)
    else:
        shutil.copy(workbook, folder / workbook.name)
        export_workbook(data, folder / f"{source.stem}.xlsx")      # every sample as .xlsx, to edit with openpyxl
        if workbook.suffix == ".xls":
            (folder / workbook.name).unlink()
    return data


def apply(case: Case, folder: Path) -> Path:
    """Write the case into `folder`; the data file's path."""
    base = _base(case.sample, case.inline)
    folder.mkdir(parents=True, exist_ok=True)
    for item in base.parent.iterdir():
        shutil.copy(item, folder / item.name)
    data = folder / base.name
    lines = data.read_text(encoding="utf-8").split("\n")
    for edit in case.text:
        _edit_text(lines, edit)
    data.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    workbook = data.with_suffix(".xlsx")
    if case.cells and workbook.exists():
        book = openpyxl.load_workbook(workbook)
        for edit in case.cells:
            _edit_cell(book, edit)
        book.save(workbook)
    return data


def _edit_text(lines: list[str], edit: TextEdit) -> None:
    i = min(int(edit.line * len(lines)), len(lines) - 1)
    line = lines[i]
    if edit.kind == "value" and ":" in line:
        lines[i] = line.split(":", 1)[0] + ": " + edit.text
    elif edit.kind == "value" and line.lstrip().startswith("- "):
        lines[i] = line[: line.index("- ") + 2] + edit.text
    elif edit.kind == "insert":
        lines.insert(i, edit.text)
    elif edit.kind == "delete":
        del lines[i: i + 1 + len(edit.text) % 5]
    elif edit.kind == "indent":
        lines[i] = " " * (len(edit.text) % 7) + line.lstrip()
    elif edit.kind == "chars":
        at = len(edit.text) % (len(line) + 1)
        lines[i] = line[:at] + edit.text[:3] + line[at:]


def _edit_cell(book, edit: CellEdit) -> None:
    sheet = book.worksheets[min(int(edit.sheet * len(book.worksheets)), len(book.worksheets) - 1)]
    cell = sheet.cell(edit.row + 1, edit.column + 1)
    if type(cell).__name__ == "MergedCell":
        return
    edit = replace(edit, text=ILLEGAL_CHARACTERS_RE.sub("", edit.text))     # what Excel itself cannot store
    if edit.kind == "value":
        cell.value = edit.text
    elif edit.kind == "number":
        try:
            cell.value = float(edit.text)
        except ValueError:
            cell.value = len(edit.text) * -1.5
    elif edit.kind == "formula":
        cell.value = "=" + (edit.text or "A1+B2")
    elif edit.kind == "format":
        cell.number_format = edit.text or "0.000000000000000000000000000000"
    elif edit.kind == "rename" and edit.text.strip():
        try:
            sheet.title = edit.text[:31]
        except ValueError:
            pass
    elif edit.kind == "delete-row":
        sheet.delete_rows(edit.row + 1)
    elif edit.kind == "merge":
        sheet.merge_cells(start_row=edit.row + 1, start_column=edit.column + 1, end_row=edit.row + 2,
                          end_column=edit.column + 2 + len(edit.text) % 4)


@dataclass
class Outcome:
    kind: str                 # document | located error | error | crash | unlocated | slow | escaped
    seconds: float
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.kind in ("crash", "unlocated", "slow", "escaped")


def attempt(data: Path, out: Path, formats=("docx",)) -> Outcome:
    """Build `data` into `out` as an officer would; what happened, judged by the issue's rules: no traceback,
    every problem of a data file located, nothing written outside `out`, nothing slower than SLOW_SECONDS."""
    root = data.parent
    before = _files(root)
    started = time.monotonic()
    try:
        build(data, out, list(formats), allow_errors=True)
        kind, detail = "document", ""
    except DataError as exc:
        unlocated = [p for p in exc.problems if p.line is None and p.sheet is None and str(p.file).endswith(".yaml")]
        kind, detail = ("unlocated", unlocated[0].format()) if unlocated else ("located error", exc.problems[0].format())
    except JuesuanError as exc:
        kind, detail = "error", str(exc)[:300]
    except Exception as exc:            # noqa: BLE001 - this is what the fuzzing looks for
        kind, detail = "crash", f"{type(exc).__name__}: {str(exc)[:300]}"
    seconds = time.monotonic() - started
    outside = {p for p in _files(root) - before if out not in p.parents}
    if outside:
        kind, detail = "escaped", ", ".join(map(str, sorted(outside)))
    elif seconds > SLOW_SECONDS and kind != "crash":
        kind, detail = "slow", f"{seconds:.1f} s"
    return Outcome(kind, seconds, detail)


def _files(root: Path) -> set[Path]:
    return {p for p in root.parent.rglob("*") if p.is_file()} if root.parent != Path("/") else set()
