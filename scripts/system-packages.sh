#!/usr/bin/env bash
# Debian packages the readers and the slow tests use. Installed only where they are missing.
set -euo pipefail
packages=()
need() { dpkg -s "$1" >/dev/null 2>&1 || packages+=("$1"); }
need tesseract-ocr          # scanned PDFs: OCR
need tesseract-ocr-vie      # ... with the Vietnamese model
need libreoffice-writer-nogui   # .doc files, and the tests that make PDFs
need fonts-dejavu-core      # fonts with Vietnamese glyphs for LibreOffice
need fonts-liberation2
need chromium               # the test that renders the diff's HTML report
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
