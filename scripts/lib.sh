# Shared by scripts/demo and scripts/test: a virtual environment with the pinned packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

ensure_venv() {  # $1: requirements file
  local req="$1" stamp=".venv/.installed-$(basename "$1")"
  if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
    echo "== installing $req"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r "$req"
    touch "$stamp"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
  compile_translations
}

compile_translations() {
  if compgen -G "tracker/translations/*/LC_MESSAGES/messages.po" >/dev/null; then
    .venv/bin/pybabel compile --statistics -d tracker/translations 2>&1 | tail -n 2
  fi
}

ensure_ocr() {  # scanned PDFs are read with Tesseract's Vietnamese model (Debian packages)
  if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then
    return
  fi
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian's tesseract-ocr and tesseract-ocr-vie (OCR of scanned notices)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      tesseract-ocr tesseract-ocr-vie fonts-dejavu-core) >/tmp/tracker-apt-ocr.log 2>&1 \
      || { echo "apt-get failed, see /tmp/tracker-apt-ocr.log"; exit 1; }
  else
    echo "OCR is missing: sudo apt-get install tesseract-ocr tesseract-ocr-vie" >&2
    echo "(scanned PDFs will be refused with a clear message until it is installed)" >&2
  fi
}

# Debian packages the application itself needs: Pango for WeasyPrint (the PDF reports), and
# Liberation Serif, the face with Times New Roman's metrics (Debian has no Times New Roman;
# fonts-liberation2 has every Vietnamese glyph). Installed when missing, as root.
RUNTIME_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2)

ensure_debs() {  # the packages named, installed with apt-get when one is missing
  local missing=()
  for deb in "$@"; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing+=("$deb")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: sudo apt-get install ${missing[*]}" >&2; return 1
  fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") \
    >/tmp/tracker-apt.log 2>&1 || { echo "apt-get failed, see /tmp/tracker-apt.log" >&2; return 1; }
}
