"""The findings as a reviewer reads them (错误 first, file:line:col, a summary) or as a script reads them (JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..errors import MAX_LISTED
from .engine import SEVERITIES, Finding


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}


def exit_code(findings: Sequence[Finding], failed: Sequence[tuple[Path, str]] = ()) -> int:
    """0 when publishable, 1 when there is a 错误, 2 when some file could not be checked at all."""
    if failed:
        return 2
    return 1 if counts(findings)["错误"] else 0


def format_text(findings: Sequence[Finding], files: int, failed: int = 0, lang: str = "zh") -> str:
    en = lang == "en"
    lines = []
    total = counts(findings)
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if group:
            name = ("errors" if severity == "错误" else "warnings") if en else severity
            lines.append(f"{name} ({len(group)}):" if en else f"{severity}（{len(group)} 处）：")
            lines += [f"  {f.format(lang)}" for f in sorted(group, key=_order)[:MAX_LISTED]]
            if len(group) > MAX_LISTED:
                rest = len(group) - MAX_LISTED
                lines.append(f"  … and {rest} more" if en else f"  ……及另外 {rest} 处（请先改正以上各处）")
            lines.append("")
    passed = not (total["错误"] or failed)
    if en:
        cannot = f", {failed} could not be checked" if failed else ""
        lines.append(f"Checked {files} file(s){cannot}: {total['错误']} error(s), {total['警告']} warning(s). "
                     + ("Passed." if passed else "Not passed."))
    else:
        cannot = f"，{failed} 个文件无法核对" if failed else ""
        lines.append(f"核对 {files} 个文件{cannot}：错误 {total['错误']} 处，警告 {total['警告']} 处。"
                     + ("通过。" if passed else "未通过。"))
    return "\n".join(lines)


def format_json(findings: Sequence[Finding], failed: Sequence[tuple[Path, str]] = ()) -> str:
    listed = sorted(findings, key=_order)[: MAX_LISTED * 10]
    return json.dumps(
        {
            "findings": [f.to_dict() for f in listed],
            "omitted": len(findings) - len(listed),
            "counts": counts(findings),
            "failed": [{"file": str(path), "message": message} for path, message in failed],
        },
        ensure_ascii=False,
        indent=2,
    )


def _order(f: Finding) -> tuple:
    return (SEVERITIES.index(f.severity), str(f.file), f.line or 0, f.column or 0, f.rule_id)
