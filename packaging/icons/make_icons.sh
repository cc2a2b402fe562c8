#!/bin/sh
# Regenerates the raster icons from ficwright.svg (the only hand-made file here).
# Needs rsvg-convert (Debian: librsvg2-bin), ImageMagick `convert` (for .ico) and
# png2icns (Debian: icnsutils, for .icns). Run from anywhere.
set -eu
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" ficwright.svg -o "ficwright-$size.png"
done
# Windows: one .ico with every size Explorer and the taskbar ask for.
convert ficwright-16.png ficwright-32.png ficwright-48.png ficwright-64.png \
    ficwright-128.png ficwright-256.png ficwright.ico
# macOS: png2icns picks the icon type from each PNG's size.
if command -v png2icns >/dev/null 2>&1; then
    png2icns ficwright.icns ficwright-16.png ficwright-32.png ficwright-48.png \
        ficwright-128.png ficwright-256.png ficwright-512.png >/dev/null
else
    echo "png2icns not found: ficwright.icns left as it is" >&2
fi
