#!/usr/bin/env bash
# Puts the sample site's photographs into sample/images/photos/ (git-ignored). They are real
# camera photos from Debian's mate-backgrounds package (GPL-2+, each photographer named in
# COPYRIGHT beside them), fetched with `apt-get download` and unpacked with `dpkg -x`, never
# installed. They are not committed: one is 16 MB, and their licence is not the project's.
# Safe to rerun: does nothing when every photo is there. Called by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=sample/images/photos
photos=(
  abstract/Elephants_5640x3172.jpg
  nature/GreenMeadow.jpg nature/LadyBird.jpg nature/RainDrops.jpg nature/Storm.jpg
  nature/Wood.jpg nature/YellowFlower.jpg
)
missing=()
for p in "${photos[@]}"; do [ -s "$dest/${p##*/}" ] || missing+=("$p"); done
[ "${#missing[@]}" = 0 ] && [ -s "$dest/COPYRIGHT" ] && exit 0

printf '\033[1m[setup]\033[0m %s\n' "fetching the sample photos (Debian mate-backgrounds, 47 MB download)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# apt-get download needs the package lists; a fresh machine may have none yet.
(cd "$tmp" && { apt-get download mate-backgrounds 2>/dev/null \
  || { apt-get update -qq && apt-get download mate-backgrounds; }; })
dpkg -x "$tmp"/mate-backgrounds_*.deb "$tmp/x"
mkdir -p "$dest"
for p in "${photos[@]}"; do cp "$tmp/x/usr/share/backgrounds/mate/$p" "$dest/"; done
cp "$tmp/x/usr/share/doc/mate-backgrounds/copyright" "$dest/COPYRIGHT"
