"""Where the DOCX's headings fall on its pages, so its 目录 can be written with page numbers.

Word, WPS and LibreOffice show a TOC field's cached result as it is and only Word recomputes it, so the
numbers must already be in the file. They are the DOCX's own: the writer lays a first version out with
LibreOffice (`lay_out`, when `soffice` is installed) and finds each entry's heading on the pages
(`locate`). Without LibreOffice the build hands over where the headings fall in the PDF (`pdf_pagination`),
which is laid out from the same HTML with the same 排版 and so lands on the same pages in all but edge cases.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

SWITCH_OFF = "JUESUAN_NO_LO_TOC"   # set (to anything but "" or "0") to never start LibreOffice
LO_SECONDS = 90                    # a cold start with a fresh profile takes ~7 s, a conversion ~2 s
_SPACE = re.compile(r"\s+")
_profile: Path | None = None        # one LibreOffice profile per process: only the first conversion is cold


@dataclass(frozen=True)
class Pagination:
    """The physical page (the cover is 1) on which each heading starts, by heading id, and the page count."""

    starts: Mapping[str, int]
    count: int
    source: str  # "LibreOffice" or "PDF", for messages and tests


def switched_off() -> bool:
    return os.environ.get(SWITCH_OFF, "") not in ("", "0")


def lay_out(docx: bytes, seconds: float = LO_SECONDS) -> list[str] | None:
    """The text of each page of `docx` as LibreOffice lays it out; None when LibreOffice is missing,
    switched off (JUESUAN_NO_LO_TOC), fails or takes longer than `seconds`."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None or switched_off():
        return None
    with tempfile.TemporaryDirectory(prefix="juesuan-lo-") as work:
        source = Path(work, "document.docx")
        source.write_bytes(docx)
        command = [program, f"-env:UserInstallation={_profile_dir().as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", work, str(source)]
        if not _run(command, seconds):
            return None
        try:
            reader = PdfReader(Path(work, "document.pdf"))
            return [page.extract_text() or "" for page in reader.pages]
        except (OSError, PyPdfError):
            return None


def _run(command: list[str], seconds: float) -> bool:
    """Run LibreOffice in a process group of its own and end the whole group (soffice starts soffice.bin)
    if it outlives `seconds` or the build is interrupted, so nothing is left running."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        return process.wait(timeout=seconds) == 0
    except subprocess.TimeoutExpired:
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _profile_dir() -> Path:
    global _profile
    if _profile is None:
        _profile = Path(tempfile.mkdtemp(prefix="juesuan-lo-profile-"))
        atexit.register(shutil.rmtree, _profile, True)
    return _profile


def locate(pages: Sequence[str] | None, entries: Sequence[tuple[str, str]]) -> Pagination | None:
    """Where each (heading id, heading text) of the 目录 starts in `pages`, matched in order; None if one
    is not found. Each text occurs first in the 目录 itself, so the entries are found there once, and the
    headings after the 目录's last page; white space is ignored (PDF text has spaces around figures)."""
    if not pages or not entries:
        return None
    flat = [_SPACE.sub("", page) for page in pages]
    page, offset = 0, 0
    starts: dict[str, int] = {}
    for round_ in ("目录", "正文"):
        for id_, text in entries:
            found = _find(flat, _SPACE.sub("", text), page, offset)
            if found is None:
                return None
            page, offset = found
            if round_ == "正文":
                starts[id_] = page + 1
            offset += len(_SPACE.sub("", text))
        if round_ == "目录":
            page, offset = page + 1, 0  # the 目录 ends its page
    return Pagination(starts, len(pages), "LibreOffice")


def _find(flat: list[str], text: str, page: int, offset: int) -> tuple[int, int] | None:
    for index in range(page, len(flat)):
        at = flat[index].find(text, offset if index == page else 0)
        if at >= 0:
            return index, at
    return None


def pdf_pagination(pdf: bytes) -> Pagination | None:
    """Where each heading starts in a WeasyPrint PDF: it names a destination after every element id."""
    try:
        reader = PdfReader(BytesIO(pdf))
        starts = {str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
                  for name, dest in reader.named_destinations.items()}
        return Pagination(starts, len(reader.pages), "PDF")
    except PyPdfError:
        return None
