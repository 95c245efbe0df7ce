#!/usr/bin/env bash
# 运行全部测试 / Run the whole test suite (installs what is missing first, so it also works on a fresh machine).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c "import juesuan, weasyprint, docx, ruamel.yaml, rich, hypothesis, pypdf, openpyxl, xlrd, xlwt, pdfplumber, starlette, uvicorn, itsdangerous, multipart, httpx2, playwright, xdist" >/dev/null 2>&1 \
   || ! command -v chromium >/dev/null \
   || ! fc-list | grep -q "Noto Serif CJK" || ! fc-list | grep -q "FandolFang"; then
  bash scripts/setup.sh --deps
fi
python3 -m pytest -n 2 "$@"          # two workers: the suite builds and lays out many documents
