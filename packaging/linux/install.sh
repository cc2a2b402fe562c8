#!/bin/sh
# Installs the built app (dist/Ficwright) with its launcher, file type, AppStream data and
# icons under PREFIX: ~/.local for one user (the default, no root needed) or /usr/local.
#
#   packaging/linux/install.sh [PREFIX]
#
# Uninstall: remove PREFIX/lib/ficwright, PREFIX/bin/ficwright and the files listed below.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PREFIX=${1:-"$HOME/.local"}
DIST=${DIST:-"$ROOT/dist/Ficwright"}
SHARE="$PREFIX/share"

[ -x "$DIST/ficwright" ] || { echo "no build at $DIST: run packaging/build.sh first" >&2; exit 1; }

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$SHARE/applications" "$SHARE/mime/packages" "$SHARE/metainfo"
rm -rf "$PREFIX/lib/ficwright"
cp -a "$DIST" "$PREFIX/lib/ficwright"
ln -sf "$PREFIX/lib/ficwright/ficwright" "$PREFIX/bin/ficwright"

# Exec= names the installed binary by full path, so the launcher works even when
# PREFIX/bin is not on the desktop session's PATH (often true of ~/.local/bin).
sed -e "s|^Exec=ficwright|Exec=$PREFIX/bin/ficwright|" \
    -e "s|^TryExec=ficwright|TryExec=$PREFIX/bin/ficwright|" \
    "$HERE/ficwright.desktop" > "$SHARE/applications/ficwright.desktop"
cp "$HERE/ficwright-mime.xml" "$SHARE/mime/packages/ficwright.xml"
cp "$HERE/io.github.ficwright.Ficwright.metainfo.xml" "$SHARE/metainfo/"

for size in 16 32 48 64 128 256 512; do
    mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps" "$SHARE/icons/hicolor/${size}x${size}/mimetypes"
    cp "$ROOT/packaging/icons/ficwright-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/ficwright.png"
    # The file manager shows .ficwright files with the app's icon.
    cp "$ROOT/packaging/icons/ficwright-$size.png" \
        "$SHARE/icons/hicolor/${size}x${size}/mimetypes/application-x-ficwright.png"
done
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$ROOT/packaging/icons/ficwright.svg" "$SHARE/icons/hicolor/scalable/apps/ficwright.svg"

# Refresh the desktop's caches where the tools exist (they are optional).
command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$SHARE/applications"
command -v gtk-update-icon-cache >/dev/null && \
    gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" 2>/dev/null || true
echo "installed Ficwright in $PREFIX (run: $PREFIX/bin/ficwright)"
