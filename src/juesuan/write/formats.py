"""One small writer per output format behind one interface (the Sphinx builder idea).

A writer turns the one rendered document into bytes; it never computes and never renders templates,
and writing to disk is the build's job (atomically, after every format has succeeded). Every writer
takes the layout's 排版 (the DOCX also a county's reference Word file), so the formats look alike.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import datetime
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from typing import Protocol

from ..render.document import RenderedDocument
from ..render.typography import Typography, default_typography, stylesheet
from .docx_pages import Pagination
from .docx_writer import html_to_docx
from .names import FORMATS
from .pdf_writer import MIME_TYPES, lay_out
from .reference_docx import ReferenceDocx


class Writer(Protocol):
    name: str
    suffix: str

    def render(self, doc: RenderedDocument, created: datetime, typography: Typography | None = None,
               reference: ReferenceDocx | None = None) -> bytes: ...


class PdfWriter:
    name = "pdf"
    suffix = FORMATS[name]

    def render(self, doc: RenderedDocument, created: datetime, typography: Typography | None = None,
               reference: ReferenceDocx | None = None) -> bytes:
        return self.lay_out(doc, created, typography)[0]

    def lay_out(self, doc: RenderedDocument, created: datetime,
                typography: Typography | None = None) -> tuple[bytes, RenderedDocument]:
        """The PDF, and the document as laid out: tables that would spill a few rows set tight (`pdf_spills`)."""
        pdf, html = lay_out(doc.html, doc.assets, [doc.stylesheet], created=created, typography=typography)
        return pdf, replace(doc, html=html)


class DocxWriter:
    """The Word file. Its 目录's page numbers come from LibreOffice's layout of the DOCX when `lay_out` is
    `docx_pages.lay_out`, else from `toc_pages` (the PDF's); `author` (the unit) is the file's creator."""

    name = "docx"
    suffix = FORMATS[name]

    def render(self, doc: RenderedDocument, created: datetime, typography: Typography | None = None,
               reference: ReferenceDocx | None = None, *, author: str = "", toc_pages: Pagination | None = None,
               lay_out: Callable[[bytes], Sequence[str] | None] | None = None) -> bytes:
        return html_to_docx(doc.html, doc.assets, created=created, typography=typography, reference=reference,
                            author=author, toc_pages=toc_pages, lay_out=lay_out)


class HtmlWriter:
    """A single self-contained HTML file (stylesheet inline, charts as data URIs) for review in a browser."""

    name = "html"
    suffix = FORMATS[name]

    def render(self, doc: RenderedDocument, created: datetime, typography: Typography | None = None,
               reference: ReferenceDocx | None = None) -> bytes:
        html = doc.html
        for name, data in doc.assets.items():
            mime = MIME_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
            html = html.replace(f'src="asset:{name}"', f'src="data:{mime};base64,{base64.b64encode(data).decode()}"')
        css = stylesheet(typography or default_typography()) + doc.stylesheet
        style = "<style>" + css.replace("</", "<\\/") + "</style>"
        return html.replace("</head>", style + "</head>", 1).encode("utf-8")


WRITERS: dict[str, Writer] = {w.name: w for w in (DocxWriter(), PdfWriter(), HtmlWriter())}
assert list(WRITERS) == list(FORMATS), "write.names.FORMATS lists the writers (for a CLI that loads none of them)"
