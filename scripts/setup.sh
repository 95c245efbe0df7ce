#!/usr/bin/env bash
# 一条命令装好一切并生成样例文档 / One command: system packages, CJK fonts, the Python package, sample documents.
#   bash scripts/setup.sh            # install everything, then render data/*/<year>.yaml into output/
#   bash scripts/setup.sh --deps     # install only (used by scripts/test.sh on a fresh machine)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Pango for WeasyPrint, harfbuzz-subset for fast CJK font subsetting, poppler-utils to look at PDF pages as
# images. Fonts: Noto CJK (charts, and any character the official faces lack), Liberation Serif (metrics of
# Times New Roman, for digits and Latin letters) and AR PL UKai (楷体 beyond GB2312). Chromium: the browser the
# workbench's tests drive with Playwright (Debian's, so no browser is downloaded from elsewhere).
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
          fonts-noto-cjk fonts-liberation2 fonts-arphic-ukai chromium"
missing=""
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# The open 仿宋/楷体/黑体/宋体 that cover all of GB2312: the Fandol faces (GPL with the font exception, so they
# may be embedded). Debian ships them only inside texlive-lang-chinese, whose TeX dependencies we don't need,
# so the package is downloaded and just the six font files are taken out of it.
FANDOL_DIR=/usr/local/share/fonts/fandol
if ! fc-list | grep -q "FandolFang"; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download texlive-lang-chinese >/dev/null 2>&1) \
    || { $SUDO apt-get update -qq && (cd "$work" && apt-get download texlive-lang-chinese >/dev/null); }
  dpkg-deb --fsys-tarfile "$work"/texlive-lang-chinese_*.deb \
    | tar -x -C "$work" --wildcards './usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol[FKHS]*.otf'
  $SUDO mkdir -p "$FANDOL_DIR"
  $SUDO cp "$work"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/*.otf "$FANDOL_DIR"/
  $SUDO fc-cache -f "$FANDOL_DIR" >/dev/null
fi

python3 -m pip install -q -e ".[test,bench]"

if [ "${1:-}" != "--deps" ]; then
  mkdir -p output
  python3 -m juesuan build data/*/[0-9]*.yaml -o output
fi
