"""Builds in the tests number the DOCX's 目录 from the PDF instead of laying each DOCX out with LibreOffice
(about 2 s a file); tests/write/test_docx_toc.py switches LibreOffice back on for the few layouts it checks."""

import os

os.environ.setdefault("JUESUAN_NO_LO_TOC", "1")
