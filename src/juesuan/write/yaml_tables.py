"""TableSet → the canonical `公开表` YAML text (what `juesuan import` writes, what `validate.tables_yaml` reads).

One row per line, values in the unit each table declared and with the precision they were read with, so
reading the text back gives the same TableSet, and a workbook exported from it imports to the same text.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from ..tables.model import PanelData, Table, TableSet, from_wan

_PLAIN = re.compile(r"^[\u3400-\u9fff（）“”、：·\w][\u3400-\u9fff（）“”、：·\w\s-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}


def scalar(text: str) -> str:
    """A string as a YAML flow scalar: plain when unambiguous text, JSON-quoted otherwise (codes always)."""
    if (text and _PLAIN.match(text) and text.lower() not in _RESERVED and not re.fullmatch(r"[\d.+-]+", text)
            and not text[0].isdigit()):
        return text
    return json.dumps(text, ensure_ascii=False)


def number(value: Decimal, unit: str) -> str:
    """A value in its table's unit with the places it was read with (0.00 stays 0.00; a blank cell is 0)."""
    return f"{from_wan(value, unit) + 0:f}"


def tables_yaml(tables: TableSet, indent: int = 0) -> str:
    """The body of a `公开表:` mapping (indented by `indent` spaces)."""
    pad = " " * indent
    lines: list[str] = []
    if tables.unit_name:
        lines.append(f"{pad}编制单位: {scalar(tables.unit_name)}")
    for table in tables:
        lines += _table(table, pad)
    return "\n".join(lines) + "\n"


def _table(table: Table, pad: str) -> list[str]:
    lines = [f"{pad}{scalar(table.id)}:"]
    inner = pad + "  "
    if table.number:
        lines.append(f"{inner}表号: {scalar(table.number)}")
    lines.append(f"{inner}单位: {table.unit}")
    for name, panel in table.panels.items():
        if name:
            lines.append(f"{inner}{name}:")
            lines += _panel(panel, table.unit, inner + "  ")
        else:
            lines += _panel(panel, table.unit, inner)
    if table.notes:
        lines.append(f"{inner}注:")
        lines += [f"{inner}  - {scalar(note)}" for note in table.notes]
    return lines


def _panel(panel: PanelData, unit: str, pad: str) -> list[str]:
    lines = [f"{pad}列: [{', '.join(scalar(c) for c in panel.columns)}]", f"{pad}行:"]
    if not panel.rows:
        lines[-1] += " []"
    for row in panel.rows:
        head = [json.dumps(row.key, ensure_ascii=False), scalar(row.name)] if row.code else [scalar(row.key)]
        values = [number(row.values[c], unit) if c in row.values else "0" for c in panel.columns]
        lines.append(f"{pad}  - [{', '.join(head + values)}]")
    return lines
