"""Build each sample document once per test session and hand tests the text a reader sees."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from juesuan.build import Options, build

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of the DOCX body, in order, as one string."""
    doc = Document(str(path))
    parts = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for cell in child.iter():
                if cell.tag.endswith("}tc"):
                    parts.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
    return "\n".join(parts)


_PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$", re.MULTILINE)


def pdf_text(path: Path) -> str:
    """The PDF's text without its page numbers, so a sentence running over a page break reads on."""
    reader = PdfReader(BytesIO(path.read_bytes()))
    return "\n".join(_PAGE_NUMBER.sub("", page.extract_text() or "") for page in reader.pages)


def flat(text: str) -> str:
    """Text with line breaks and spaces removed, so a sentence wrapped across lines still matches."""
    return re.sub(r"\s+", "", text)


class Built:
    def __init__(self, result):
        self.result = result
        self.files = {p.suffix: p for p in result.files}
        self.docx = flat(docx_text(self.files[".docx"]))
        self.pdf = flat(pdf_text(self.files[".pdf"]))
        self.texts = {"docx": self.docx, "pdf": self.pdf}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    cache: dict[str, Built] = {}

    def get(relative: str) -> Built:
        if relative not in cache:
            out = tmp_path_factory.mktemp("out")
            cache[relative] = Built(build(DATA / relative, out, ("docx", "pdf")))
        return cache[relative]

    return get


@pytest.fixture
def build_both(tmp_path):
    """Build a data file to DOCX and PDF with the given options; the texts of both, flattened."""
    def run(path: Path, options: Options = Options()) -> Built:
        return Built(build(path, tmp_path / "out", ("docx", "pdf"), options))
    return run
