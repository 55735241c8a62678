#!/bin/sh
# Builds the JNI shim of the mmsg DNS transport (dns-server/pom.xml runs this after javac wrote
# the header). It never fails the build: without a C compiler, or when the compile fails, the
# jar has no library and the server's `auto` transport falls back to `blocking` (logged at start).
#   build.sh <output directory> <java.home> <header directory> <os.arch>
out=$1 jhome=$2 headers=$3 arch=$4
src="$(dirname "$0")/meridian_mmsg.c"
cc=${CC:-cc}
lib="$out/libmeridian-mmsg-linux-$arch.so"
if ! command -v "$cc" >/dev/null 2>&1; then
  rm -f "$lib"   # never ship a library left from an earlier build
  echo "[mmsg] WARNING: no C compiler ($cc): $lib not built; the mmsg transport is unavailable (auto uses blocking)"
  exit 0
fi
mkdir -p "$out" || exit 0
if "$cc" -std=gnu11 -O2 -fPIC -shared -Wall -Wextra -Wl,-z,noexecstack \
     -I"$jhome/include" -I"$jhome/include/linux" -I"$headers" -o "$lib.tmp" "$src"; then
  mv -f "$lib.tmp" "$lib"
else
  rm -f "$lib.tmp" "$lib"
  echo "[mmsg] WARNING: compiling $src failed (output above): the mmsg transport is unavailable (auto uses blocking)"
fi
exit 0
