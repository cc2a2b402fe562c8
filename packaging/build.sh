#!/bin/sh
# Builds the one-folder app into dist/Ficwright (dist/Ficwright.app too on macOS) and runs
# the smoke test on it. Run from anywhere; Linux, macOS, or Windows in Git Bash/MSYS.
#
#   packaging/build.sh                  build into dist/, work files in build/pyinstaller/
#   DIST=/tmp/fw packaging/build.sh     build somewhere else
#   VENV=/path/to/venv packaging/build.sh
#   SMOKE=0 packaging/build.sh          build only
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VENV=${VENV:-"$ROOT/.venv"}
DIST=${DIST:-"$ROOT/dist"}
WORK=${WORK:-"$ROOT/build/pyinstaller"}

if [ -x "$VENV/bin/python" ]; then
    PY="$VENV/bin/python"
elif [ -x "$VENV/Scripts/python.exe" ]; then
    PY="$VENV/Scripts/python.exe"
else
    echo "no virtual environment at $VENV: python3 -m venv .venv && .venv/bin/pip install -e ." >&2
    exit 1
fi

# The app itself must be importable from the venv (PyInstaller follows its imports).
"$PY" -c "import editor.app, PySide6, spellchecker, docx, ebooklib" || {
    echo "the venv lacks Ficwright or its dependencies: $PY -m pip install -e ." >&2
    exit 1
}
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
    echo "installing PyInstaller into $VENV"
    "$PY" -m pip install --quiet "pyinstaller>=6.10"
fi
echo "PyInstaller $("$PY" -m PyInstaller --version)"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/ficwright.spec
end=$(date +%s)
echo "built $DIST/Ficwright in $((end - start)) s, $(du -sh "$DIST/Ficwright" | cut -f1)"

if [ "${SMOKE:-1}" != 0 ]; then
    "$PY" packaging/smoke.py "$DIST/Ficwright"
fi
