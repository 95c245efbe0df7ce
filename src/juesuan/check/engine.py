"""The rule engine of `juesuan check`: many small declared rules, each with a stable id, run over one file.

Published 部门决算 are full of errors a machine could catch. Each check is a small function declared
with its id, severity and one-line statement::

    @rule("JS-BAL-001", "错误", "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
          en="收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余")
    def income_total(ctx):
        yield Hit(path, "…", {...})

so that a reader finds a rule by the id printed next to a finding, and a county can switch a rule off or
change its severity in configuration (see `check.config`). A rule yields `Hit`s — where in the data file
the fix belongs, a Chinese message naming the figures and how to fix them — and the engine turns them
into located `Finding`s stamped with the rule's id and the (county-adjusted) severity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal

from ..errors import MAX_MESSAGE, clip
from ..facts.catalog import Catalog
from ..facts.settings import Settings
from ..inputs import last_year_file
from ..load.yaml_reader import RawDocument, dotted
from ..tables.figures import Figures
from ..tables.model import Source, TableSet
from ..validate.model import YearData
from .config import CheckConfig

if TYPE_CHECKING:  # pragma: no cover - imports for annotations only
    from ..inputs import Loaded
    from ..facts.report import Report

Severity = Literal["错误", "警告"]
SEVERITIES: tuple[Severity, ...] = ("错误", "警告")


@dataclass(frozen=True)
class Hit:
    """What a rule found: the YAML path where the fix belongs (it may be absent from the file; the
    nearest written ancestor is then shown), the message, and the figures involved."""

    path: tuple[str | int, ...]
    message: str
    figures: dict[str, Any] = field(default_factory=dict)
    field: str | None = None  # a label instead of the path, e.g. "生成的文档"
    source: Source | None = None  # a table cell (workbook!sheet!A1 or the inline table's file:line:col)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    file: Path
    line: int | None
    column: int | None
    field: str  # Chinese, " → " separated, as validate reports fields
    message: str  # Chinese: the figures involved and how to fix it
    figures: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None
    statement_en: str = ""  # the rule's statement in English, for --lang en

    def where(self) -> str:
        if self.sheet is not None:
            return f"{Path(self.file).name}!{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        return f"{self.file}:{self.line}:{self.column}" if self.line is not None else str(self.file)

    def format(self, lang: str = "zh") -> str:
        """Chinese; with lang "en" the rule's English statement leads and the Chinese detail (which quotes
        the forms' own labels) follows."""
        if lang == "en" and self.statement_en:
            label = f" (field: {self.field})" if self.field else ""
            kind = "error" if self.severity == "错误" else "warning"
            return f"{self.where()} [{self.rule_id}] {kind}: {self.statement_en}{label} — {self.message}"
        label = f"（字段：{self.field}）" if self.field else ""
        return f"{self.where()} [{self.rule_id}] {self.message}{label}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "severity": self.severity,
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "figures": self.figures,
            "sheet": self.sheet,
            "cell": self.cell,
        }


@dataclass
class CheckContext:
    """Everything a rule may look at for one unit-year."""

    path: Path
    raw: RawDocument
    data: YearData
    tables: TableSet
    functional: Catalog  # this year's 功能分类
    economic: Catalog  # this year's 经济分类
    settings: Settings = field(default_factory=Settings)
    report: Report | None = None
    figures: Figures = field(default_factory=Figures)  # this year's named figures
    prior_figures: Figures | None = None  # last year's, from its file or the 上年 block
    prior_block: Figures | None = None  # the 上年 block as written
    prior: Loaded | None = None  # `<year-1>.yaml` beside the file, when it exists and is valid
    prior_functional: Catalog | None = None
    prior_economic: Catalog | None = None
    prior_problem: str | None = None  # why `<year-1>.yaml` exists but could not be used
    notices: list[str] = field(default_factory=list)  # what importing the workbook passed over
    rendered_text: str | None = None  # the generated document as plain text, for scanning
    catalog_dirs: list[Path] = field(default_factory=list)  # --catalog, the layout's 科目目录, the bundled one
    config: CheckConfig = field(default_factory=CheckConfig)

    @property
    def prior_path(self) -> Path:
        return last_year_file(self.path, self.data)


Check = Callable[[CheckContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    check: Check
    title_en: str


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, title: str, en: str) -> Callable[[Check], Check]:
    """Declare and register a rule; the function stays callable as is (handy in tests)."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity of {rule_id} must be one of {SEVERITIES}, got {severity!r}")

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is declared twice")
        RULES[rule_id] = Rule(rule_id, severity, title, check, en)
        return check

    return register


def registry() -> dict[str, Rule]:
    """Every declared rule, by id (importing the rule modules registers them)."""
    from . import rules  # noqa: F401 - imported for its registrations

    return RULES


def run_checks(ctx: CheckContext, config: CheckConfig | None = None) -> list[Finding]:
    """Run every enabled rule over `ctx`; findings sorted 错误 first, then by position in the file."""
    config = config if config is not None else ctx.config
    ctx.config = config
    findings = []
    for rule_id, declared in sorted(registry().items()):
        if rule_id in config.disabled:
            continue
        severity = config.severities.get(rule_id, declared.severity)
        for hit in declared.check(ctx):
            findings.append(_finding(ctx, declared, severity, hit))
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.sheet or "", f.cell or "", f.line or 0,
                                 f.column or 0, f.rule_id))
    return findings


def _finding(ctx: CheckContext, declared: Rule, severity: Severity, hit: Hit) -> Finding:
    figures = {clip(k, 120): clip(_text(v), 120) for k, v in hit.figures.items()}
    label = clip(hit.field if hit.field is not None else dotted(hit.path), 120)
    message = clip(hit.message, MAX_MESSAGE)
    if hit.source is not None:
        src = hit.source
        return Finding(declared.id, severity, Path(src.file), src.line, src.column, label, message, figures,
                       src.sheet, src.cell, declared.title_en)
    line, column = ctx.raw.source.locate(hit.path)
    return Finding(declared.id, severity, Path(ctx.path), line, column, label, message, figures,
                   statement_en=declared.title_en)


def _text(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)
