#!/usr/bin/env bash
# Sets up a fresh Debian machine (as root), builds the extension and shows the main job:
# a generated phone photo with GPS/EXIF/XMP is stamped by the CLI and checked with exiftool.
#   bash scripts/setup.sh            set up, build, demo
#   bash scripts/setup.sh --deps     only install what the build and the tests need (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium runs the core (CLI, tests), Firefox ESR the Firefox tests; exiftool, qpdf, poppler
# and tesseract (English, and Arabic for right-to-left watermarks) are the test oracles; OCR-B
# draws the synthetic documents' MRZ; heif-enc and ImageMagick make the HEIC/AVIF/TIFF fixtures;
# img2pdf, jpegtran and ImageMagick are the native tools the bench compares with; the Noto fonts
# let Chromium draw any script (CJK, Arabic, emoji) in watermarks.
packages=(chromium firefox-esr libimage-exiftool-perl qpdf poppler-utils tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara fonts-ocr-b libheif-examples imagemagick img2pdf libjpeg-turbo-progs fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-noto-mono)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# CI also rebuilds the bundled libdeflate kernel from its vendored C, to check the committed
# bytes (tests/unit/wasm.test.ts). Best effort: where Debian has no clang-16, that test checks
# the kernel against its sources' hash only.
if [[ "${1:-}" == "--deps" ]] && ! dpkg -s clang-16 lld-16 >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  c=(clang-16 lld-16)
  { apt-get install -y -qq --no-install-recommends "${c[@]}" || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${c[@]}"; }; } >/dev/null 2>&1 ||
    echo "clang-16 and lld-16 are not available: the C kernel is checked by its sources' hash only"
fi
command -v node >/dev/null || { echo "Node.js 20+ is required (apt-get install nodejs npm)"; exit 1; }
# The lock is complete (every platform's optional packages), so installs are reproducible and
# leave the tree clean.
npm ci --no-audit --no-fund

[[ "${1:-}" == "--deps" ]] && exit 0

npm run build
npm run fixtures
echo
echo "== Stamping a phone photo (GPS, camera, XMP, rotated 90°) =="
npm run --silent stamp -- tests/fixtures/out/phone.jpg --site okx.com --out stamped
echo
echo "== What exiftool finds in the original vs. the stamped copy =="
exiftool -q -GPSPosition -Make -Model -XMP:All tests/fixtures/out/phone.jpg | sed 's/^/  original: /'
left=$(exiftool -q -GPSPosition -Make -Model -XMP:All stamped/phone.jpg)
echo "  stamped:  ${left:-(nothing: clean)}"
echo
echo "Done. Load .output/chrome-mv3 (Chrome) or .output/firefox-mv2 (Firefox) as an unpacked extension."
