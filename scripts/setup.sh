#!/usr/bin/env bash
# 一条命令装好一切并生成样例文档 / One command: system packages, CJK fonts, the Python package, sample documents.
#   bash scripts/setup.sh            # install everything, then render data/*/<year>.yaml into output/
#   bash scripts/setup.sh --deps     # install only (used by scripts/test.sh on a fresh machine)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Pango for WeasyPrint, Noto CJK fonts embedded in the PDF, harfbuzz-subset for fast CJK font subsetting,
# poppler-utils to look at PDF pages as images.
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils"
missing=""
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

python3 -m pip install -q -e ".[test]"

if [ "${1:-}" != "--deps" ]; then
  mkdir -p output
  python3 -m juesuan build data/*/[0-9]*.yaml -o output
fi
