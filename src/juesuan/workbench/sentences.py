"""The 情况说明 as it will print, sentence by sentence, with a place marked wherever a reason goes.

The document is rendered with every reason slot's text replaced by a marker, so the page shows exactly the
sentences the writers will print, figures filled in, and each reason field sits under the sentence that needs
it. The part shown is the one that holds the markers (第二部分 in every layout we know), headings kept so the
officer finds her place.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..build import report_for
from ..inputs import Options, last_year, load
from ..render.chart_cache import IN_MEMORY, ChartCache
from ..render.document import render_document
from .reasons import Reason

MARK = re.compile("\ue000(\\d+)\ue001")          # private-use characters: nothing in a document looks like them
BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "caption"}


@dataclass
class Line:
    kind: str                       # "heading" or "sentence"
    parts: list                     # texts, and Reasons where their text goes
    level: int = 0                  # a heading's level

    @property
    def reasons(self) -> list[Reason]:
        return [p for p in self.parts if isinstance(p, Reason)]


def explained(path: Path, slots: list[Reason], charts: ChartCache = IN_MEMORY) -> tuple[list[Line], list[Reason]]:
    """The lines of the part of the document that holds the reasons, and the reasons no printed sentence holds
    (a layout may leave a figure's sentence out)."""
    loaded = load(path, Options())
    blocks = {"变动原因": dict(loaded.data.reasons), "预决算差异原因": dict(loaded.data.budget_reasons)}
    for i, reason in enumerate(slots):
        blocks.setdefault(reason.slot.block, {})[reason.slot.key] = f"\ue000{i}\ue001"
    data = loaded.data.model_copy(update={"reasons": blocks["变动原因"], "budget_reasons": blocks["预决算差异原因"]})
    marked = dataclasses.replace(loaded, data=data)
    html = render_document(report_for(marked, last_year(loaded, loaded.options)[0]),
                           loaded.options.template_path(), charts).html
    lines = _lines(html, slots)
    placed = {id(r) for line in lines for r in line.reasons}
    return lines, [r for r in slots if id(r) not in placed]


def _lines(html: str, slots: list[Reason]) -> list[Line]:
    reader = _Reader()
    reader.feed(html)
    parts = [part for part in reader.parts if any(MARK.search(text) for _, _, text in part)]
    lines = []
    for kind, level, text in (item for part in parts for item in part):
        pieces = MARK.split(text)              # text, index, text, index, …
        line = Line(kind, [p if i % 2 == 0 else slots[int(p)] for i, p in enumerate(pieces) if p], level)
        if line.parts:
            lines.append(line)
    return lines


class _Reader(HTMLParser):
    """Each top-level part of the document (its <section class="part">) as its headings and sentences."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[list[tuple[str, int, str]]] = []
        self.text: list[str] | None = None
        self.tag = ""

    def handle_starttag(self, tag, attrs):
        if tag == "section" and "part" in (dict(attrs).get("class") or "").split():
            self.parts.append([])
        if tag in BLOCKS and self.parts and self.text is None:
            self.text, self.tag = [], tag
        elif tag == "br" and self.text is not None:
            self.text.append("\n")

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if self.text is not None and tag == self.tag:
            text = " ".join("".join(self.text).split())
            if text:
                heading = self.tag.startswith("h")
                self.parts[-1].append(("heading" if heading else "sentence", int(self.tag[1]) if heading else 0, text))
            self.text = None
