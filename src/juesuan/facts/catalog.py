"""The classification catalogs (政府收支分类科目) and the standard glossary, read from YAML data files.

Two catalogs, one file per year:

* ``<dir>/功能分类/<year>.yaml`` — 支出功能分类: codes of 3 (类), 5 (款) and 7 (项) digits; every 项
  carries its official 说明 (the text printed in 第三部分 名词解释).
* ``<dir>/经济分类/<year>.yaml`` — 部门预算支出经济分类: codes of 3 (类) and 5 (款) digits; every 款
  carries 经费 (人员经费 or 公用经费), the grouping of 基本支出 in the disclosure.

and the glossary ``<dir>/名词解释.yaml``.

Several directories are searched in order, a user's own first and the bundled ``data/catalog`` last.
Entries found in an earlier directory override (or add to) those of a later one, so a county can add a
local code, or correct a name, without copying the bundled file.  Within each directory the file of the
requested year is used, or else the nearest earlier year that directory has.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Literal, Mapping, Sequence

from ..errors import MAX_LISTED, DataError, JuesuanError, clip
from ..load.yaml_reader import read_yaml

Kind = Literal["功能分类", "经济分类"]
Level = Literal["类", "款", "项"]

KINDS: tuple[str, ...] = ("功能分类", "经济分类")
#: Code length → level, per kind.
LEVELS: Mapping[str, Mapping[int, str]] = {
    "功能分类": {3: "类", 5: "款", 7: "项"},
    "经济分类": {3: "类", 5: "款"},
}
FUNDING_VALUES: tuple[str, ...] = ("人员经费", "公用经费")

GLOSSARY_FILE = "名词解释.yaml"
APPLIES_ALWAYS = "总是"
#: The figures whose being non-zero makes a glossary term apply (besides 总是).
GLOSSARY_CONDITIONS: tuple[str, ...] = (
    "事业收入", "经营收入", "其他收入", "使用非财政拨款结余", "年初结转和结余", "结余分配",
    "年末结转和结余", "经营支出", "上缴上级支出", "对附属单位补助支出", "上级补助收入", "附属单位上缴收入",
)
GLOSSARY_APPLIES: tuple[str, ...] = (APPLIES_ALWAYS, *GLOSSARY_CONDITIONS)
#: Glossary groups in print order; the program puts the functional-classification 项 entries after
#: 结转结余 and before 支出.
GLOSSARY_GROUPS: tuple[str, ...] = ("收入", "结转结余", "支出", "其他")

_ENTRY_KEYS = {"编码", "名称", "说明", "经费"}
_TERM_KEYS = {"名称", "解释", "适用", "分组"}


class CatalogError(JuesuanError):
    """A catalog or glossary file that cannot be used; the message names the file and every problem."""

    def __init__(self, file: Path | None, problems: Sequence[str]):
        self.file = file
        self.problems = list(problems)
        where = f"{file}：" if file is not None else ""
        if len(self.problems) == 1:
            text = f"{where}{self.problems[0]}"
        else:
            text = f"{where}有 {len(self.problems)} 处问题：\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(text)


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    explanation: str | None
    level: Level
    funding: str | None = None      # 经费 (人员经费 / 公用经费), economic 款 only


@dataclass(frozen=True)
class GlossaryTerm:
    name: str
    text: str
    applies_when: str               # 总是, or a figure name from GLOSSARY_CONDITIONS
    group: str | None = None        # one of GLOSSARY_GROUPS


class Catalog:
    """One year's catalog of one kind, merged from every directory searched."""

    def __init__(self, kind: str, year: int, entries: Mapping[str, CatalogEntry],
                 sources: Sequence[Path] = (), file_year: int | None = None):
        self.kind = kind
        self.year = year                       # the year asked for
        self.file_year = file_year or year     # the newest year a file was found for (≤ year)
        self.sources: tuple[Path, ...] = tuple(sources)  # files read, user's first
        self._entries: dict[str, CatalogEntry] = dict(sorted(entries.items()))
        self._parent_len = {7: 5, 5: 3}

    @property
    def label(self) -> str:
        """The catalog as a message names it: the year actually used, and why when it is not the one asked."""
        if self.file_year == self.year:
            return f"{self.year} 年{self.kind}目录"
        return f"{self.file_year} 年{self.kind}目录（没有 {self.year} 年的，用了最近的 {self.file_year} 年）"

    # -- lookup -------------------------------------------------------------------------------
    def get(self, code: str) -> CatalogEntry | None:
        if not isinstance(code, str):
            return None
        return self._entries.get(code.strip())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._entries

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalog({self.kind!r}, {self.year}, {len(self)} entries)"

    def parents(self, code: str) -> list[CatalogEntry]:
        """The entries above ``code``, outermost first: [类, 款] for a 项, [类] for a 款, [] for a 类.

        Works for a code not in the catalog too (its prefixes are looked up); a parent missing from
        the catalog is left out.
        """
        code = code.strip()
        prefixes = [code[:n] for n in (3, 5) if n < len(code)]
        return [e for p in prefixes if (e := self._entries.get(p)) is not None]

    def lineage(self, code: str) -> list[CatalogEntry]:
        """``parents(code)`` followed by the entry itself (if present): [类, 款, 项]."""
        entry = self.get(code)
        return self.parents(code) + ([entry] if entry is not None else [])

    def children(self, code: str) -> list[CatalogEntry]:
        """The entries one level below ``code`` (款 of a 类, 项 of a 款), in code order."""
        code = code.strip()
        below = {3: 5, 5: 7}.get(len(code))
        return [e for e in self._entries.values() if len(e.code) == below and e.code.startswith(code)]

    def by_name(self, name: str) -> list[CatalogEntry]:
        """All entries with exactly this name (names such as 行政运行 recur under many 款)."""
        return [e for e in self._entries.values() if e.name == name.strip()]

    def suggest(self, code: str, name: str, n: int = 3) -> list[CatalogEntry]:
        """Known codes the officer probably meant: the same name in the same 款 first, then the nearest codes."""
        same_name = sorted(self.by_name(name), key=lambda e: (e.code[:5] != code[:5], e.code))
        seen, found = set(), []
        for entry in same_name + self.nearest(code, n):
            if entry.code not in seen:
                seen.add(entry.code)
                found.append(entry)
        return found[:n]

    def nearest(self, code: str, n: int = 3) -> list[CatalogEntry]:
        """Suggestions for a code that is not in the catalog (or is suspect), best first.

        Codes of the same length under the same parent (same 款 for a 项, same 类 for a 款) come first,
        closest number first; then other codes of that length, most similar (difflib) first.
        """
        code = str(code).strip()
        others = [e for e in self._entries.values() if e.code != code]
        same_len = [e for e in others if len(e.code) == len(code)]
        pool = same_len or others
        parent_len = self._parent_len.get(len(code))

        def distance(e: CatalogEntry) -> int:
            if code.isdigit() and len(e.code) == len(code):
                return abs(int(e.code) - int(code))
            return 10 ** 9

        def ratio(e: CatalogEntry) -> float:
            return difflib.SequenceMatcher(None, code, e.code).ratio()

        first: list[CatalogEntry] = []
        if parent_len is not None:
            first = sorted((e for e in pool if e.code[:parent_len] == code[:parent_len]),
                           key=lambda e: (distance(e), e.code))
        rest = [e for e in pool if e not in first]
        rest.sort(key=lambda e: (-ratio(e), distance(e), e.code))
        rest = [e for e in rest if ratio(e) >= 0.5]
        return (first + rest)[:max(n, 0)]


# -- reading ----------------------------------------------------------------------------------

def bundled_catalog_dir() -> Path:
    """The catalog data shipped with the program: ``<repo>/data/catalog``."""
    return Path(__file__).resolve().parents[3] / "data" / "catalog"


def _read_yaml(path: Path) -> Any:
    """The file's values as text (a code keeps its leading zeros), with the data files' limits and refusals."""
    try:
        return read_yaml(path).data
    except DataError as exc:
        raise CatalogError(path, [p.format() for p in exc.problems[:MAX_LISTED]]) from exc


def _year_file(directory: Path, kind: str, year: int) -> tuple[Path, int] | None:
    """The file of ``year`` in ``directory/kind``, or of the nearest earlier year there."""
    folder = directory / kind
    if not folder.is_dir():
        return None
    best: tuple[Path, int] | None = None
    for path in folder.glob("*.yaml"):
        if not (path.stem.isdigit() and len(path.stem) == 4):
            continue
        y = int(path.stem)
        if y <= year and (best is None or y > best[1]):
            best = (path, y)
    return best


def _parse_catalog_file(path: Path, kind: str, file_year: int) -> dict[str, dict[str, Any]]:
    """The entries of one file as raw field dicts keyed by code, checked field by field."""
    data = _read_yaml(path)
    problems: list[str] = []
    if data is None:
        raise CatalogError(path, ["文件是空的，应有“科目”列表"])
    if not isinstance(data, dict):
        raise CatalogError(path, ["顶层应是键值（年度、科目），不是列表或单个值"])
    unknown = set(data) - {"年度", "科目"}
    if unknown:
        problems.append(f"不认识的键：{'、'.join(sorted(map(str, unknown)))}（只能有 年度、科目）")
    declared = data.get("年度")
    if declared is not None and str(declared).strip() != str(file_year):
        problems.append(f"年度写的是 {clip(declared)}，与文件名 {path.name} 的年份 {file_year} 不符")
    items = data.get("科目")
    if not isinstance(items, list):
        problems.append("缺少“科目”列表" if items is None else "“科目”应是列表（每条以“- ”开头）")
        raise CatalogError(path, problems)

    levels = LEVELS[kind]
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(items, start=1):
        where = f"第 {i} 条科目"
        if not isinstance(item, dict):
            problems.append(f"{where}应是键值（编码、名称…），读到的是 {clip(item)}")
            continue
        extra = set(item) - _ENTRY_KEYS
        if extra:
            problems.append(f"{where}有不认识的键：{'、'.join(sorted(map(str, extra)))}"
                            f"（只能有 {'、'.join(sorted(_ENTRY_KEYS))}）")
        code = item.get("编码")
        if code is None:
            problems.append(f"{where}缺少编码")
            continue
        if not isinstance(code, str):
            problems.append(f"{where}的编码应是一串数字，读到的是 {clip(code)}")
            continue
        code = code.strip()
        where = f"{where}（编码 {code}）"
        if not code.isdigit() or len(code) not in levels:
            lens = "、".join(f"{n} 位（{lv}）" for n, lv in levels.items())
            problems.append(f"{where}不是有效的{kind}编码：应为 {lens} 数字")
            continue
        if code in out:
            problems.append(f"{where}重复出现")
            continue
        name = item.get("名称")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}缺少名称")
            continue
        fields: dict[str, Any] = {"名称": name.strip()}
        if "说明" in item:
            text = item["说明"]
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}的说明应是一段文字")
            else:
                fields["说明"] = text.strip()
        if "经费" in item:
            funding = item["经费"]
            if kind != "经济分类":
                problems.append(f"{where}：只有经济分类科目才有“经费”")
            elif funding not in FUNDING_VALUES:
                problems.append(f"{where}的经费 {clip(funding)} 应为 {' 或 '.join(FUNDING_VALUES)}")
            elif len(code) != 5:
                problems.append(f"{where}：“经费”只写在款级科目上")
            else:
                fields["经费"] = funding
        out[code] = fields
    if problems:
        raise CatalogError(path, problems)
    return out


def load_catalog(kind: Kind, year: int, dirs: Sequence[Path] | None = None) -> Catalog:
    """Read the ``kind`` catalog of ``year`` from ``dirs`` (searched in order; default: the bundled one).

    Each directory contributes ``<dir>/<kind>/<year>.yaml``, or its nearest earlier year; missing
    directories are skipped.  Entries in earlier directories override those in later ones field by
    field (an override that omits 说明 or 经费 keeps the later file's).
    """
    if kind not in LEVELS:
        raise ValueError(f"unknown catalog kind {kind!r}; expected one of {KINDS}")
    search = [Path(d) for d in (dirs if dirs is not None else [bundled_catalog_dir()])]
    found = [f for d in search if (f := _year_file(d, kind, year)) is not None]
    if not found:
        looked = "、".join(str(d / kind) for d in search) or "（未给出目录）"
        raise CatalogError(None, [f"找不到 {year} 年或更早年度的{kind}科目文件；查找过：{looked}"])

    merged: dict[str, dict[str, Any]] = {}
    origin: dict[str, Path] = {}
    for path, file_year in reversed(found):          # bundled first, the user's last (wins)
        for code, fields in _parse_catalog_file(path, kind, file_year).items():
            merged[code] = {**merged.get(code, {}), **fields}
            origin[code] = path

    levels = LEVELS[kind]
    entries: dict[str, CatalogEntry] = {}
    problems: list[str] = []
    for code, fields in merged.items():
        level = levels[len(code)]
        entry = CatalogEntry(code=code, name=fields["名称"], explanation=fields.get("说明"),
                             level=level, funding=fields.get("经费"))  # type: ignore[arg-type]
        if kind == "功能分类" and level == "项" and not entry.explanation:
            problems.append(f"{origin[code]}：项级科目 {code} {entry.name} 缺少说明（名词解释要用）")
        if kind == "经济分类" and level == "款" and not entry.funding:
            problems.append(f"{origin[code]}：款级科目 {code} {entry.name} 缺少经费（人员经费或公用经费）")
        entries[code] = entry
    if problems:
        raise CatalogError(None, problems)
    return Catalog(kind, year, entries, sources=[p for p, _ in found], file_year=max(y for _, y in found))


def _parse_glossary_file(path: Path) -> tuple[list[GlossaryTerm], bool]:
    """The file's terms, and whether they replace every inherited term (`替换: true`: a province's own list)."""
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("词条"), list):
        raise CatalogError(path, ["应有“词条”列表（每条含 名称、解释、适用）"])
    problems: list[str] = []
    replace = str(data.get("替换", "false")).strip().lower()     # values are read as text
    if replace not in ("true", "false"):
        problems.append(f"“替换”应为 true 或 false，读到的是 {clip(data.get('替换'))}")
    extra = set(data) - {"词条", "替换"}
    if extra:
        problems.append(f"有不认识的键：{'、'.join(sorted(map(str, extra)))}（可用：词条、替换）")
    terms: list[GlossaryTerm] = []
    seen: set[str] = set()
    for i, item in enumerate(data["词条"], start=1):
        where = f"第 {i} 条词条"
        if not isinstance(item, dict):
            problems.append(f"{where}应是键值（名称、解释、适用），读到的是 {clip(item)}")
            continue
        extra = set(item) - _TERM_KEYS
        if extra:
            problems.append(f"{where}有不认识的键：{'、'.join(sorted(map(str, extra)))}")
        name, text, applies, group = (item.get(k) for k in ("名称", "解释", "适用", "分组"))
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}缺少名称")
            continue
        name = name.strip()
        where = f"{where}（{name}）"
        if name in seen:
            problems.append(f"{where}重复出现")
            continue
        seen.add(name)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}缺少解释")
            continue
        if applies not in GLOSSARY_APPLIES:
            problems.append(f"{where}的适用 {clip(applies)} 不认识；应为 {'、'.join(GLOSSARY_APPLIES)} 之一")
            continue
        if group is not None and group not in GLOSSARY_GROUPS:
            problems.append(f"{where}的分组 {clip(group)} 不认识；应为 {'、'.join(GLOSSARY_GROUPS)} 之一")
            continue
        terms.append(GlossaryTerm(name=name, text=text.strip(), applies_when=applies, group=group))
    if problems:
        raise CatalogError(path, problems)
    return terms, replace == "true"


def load_glossary(dirs: Sequence[Path] | None = None) -> list[GlossaryTerm]:
    """The standard glossary terms in print order, from ``<dir>/名词解释.yaml`` in each of ``dirs``.

    The last directory's file (the bundled one) is the base; a term in an earlier directory's file
    replaces the same-named term in place, and a new term is added at the end of its 分组 (or at the
    very end when it names no 分组). A file with `替换: true` starts the list afresh, in its own order.
    """
    search = [Path(d) for d in (dirs if dirs is not None else [bundled_catalog_dir()])]
    files = [d / GLOSSARY_FILE for d in search if (d / GLOSSARY_FILE).is_file()]
    if not files:
        looked = "、".join(str(d) for d in search) or "（未给出目录）"
        raise CatalogError(None, [f"找不到{GLOSSARY_FILE}；查找过：{looked}"])
    terms: list[GlossaryTerm] = []
    for path in reversed(files):
        own, replace = _parse_glossary_file(path)
        if replace:
            terms = []
        for term in own:
            index = next((i for i, t in enumerate(terms) if t.name == term.name), None)
            if index is not None:
                old = terms[index]
                terms[index] = term if term.group is not None else GlossaryTerm(
                    term.name, term.text, term.applies_when, old.group)
                continue
            terms.insert(_glossary_position(terms, term.group), term)
    return terms


def _glossary_position(terms: Sequence[GlossaryTerm], group: str | None) -> int:
    """Where a new term of ``group`` goes: after the last term of its group or of an earlier group."""
    if group is None:
        return len(terms)
    rank = GLOSSARY_GROUPS.index(group)
    ranks = [GLOSSARY_GROUPS.index(t.group) if t.group is not None else None for t in terms]
    upto = [i for i, r in enumerate(ranks) if r is not None and r <= rank]
    if upto:
        return upto[-1] + 1
    later = [i for i, r in enumerate(ranks) if r is not None and r > rank]
    return later[0] if later else len(terms)
