#!/usr/bin/env bash
# Create .venv-peers/ with the peer table extractors for benchmarks/tables.py: Camelot (stream flavour; its
# OpenCV import is satisfied by the headless wheel, and stream needs no Ghostscript) and pdfplumber.
# Camelot pins versions that kslib's constraints.txt does not share, so it lives apart, like .venv-airflow.
# Idempotent: does nothing when the venv already imports both.  Exit status 0 = ready.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-peers
PY="$VENV/bin/python"
CHECK='import camelot, cv2, pdfplumber'
# the pdfplumber that kslib's own venv pins, so that both runs of it are the same version
PLUMBER=$(grep -i '^pdfplumber==' constraints.txt 2>/dev/null || echo pdfplumber)

if [ -x "$PY" ] && "$PY" -c "$CHECK" >/dev/null 2>&1; then
    echo "peers: $VENV ready ($("$PY" -c 'import camelot, pdfplumber; print("camelot", camelot.__version__, "pdfplumber", pdfplumber.__version__)'))"
    exit 0
fi
echo "peers: creating $VENV (camelot-py, opencv-python-headless, pdfplumber; about a minute) ..."
start=$(date +%s)
log=$(mktemp)
rm -rf "$VENV"
if python3 -m venv "$VENV" >"$log" 2>&1 \
   && timeout 900 "$PY" -m pip install --quiet --disable-pip-version-check \
        camelot-py opencv-python-headless "$PLUMBER" >>"$log" 2>&1 \
   && "$PY" -c "$CHECK" >>"$log" 2>&1; then
    echo "peers: $VENV installed in $(( $(date +%s) - start )) s"
    rm -f "$log"
else
    echo "peers: $VENV could not be installed (last lines of the log below); camelot will be left out" >&2
    grep -v 'is ignored: it is neither a file nor a directory' "$log" | tail -n 15 >&2 || true
    rm -rf "$VENV" "$log"
    exit 1
fi
