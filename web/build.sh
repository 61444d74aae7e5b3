#!/usr/bin/env bash
# Builds the browser page into build/web/: the library's C++ core compiled to WebAssembly by
# Emscripten (Debian's emscripten package; embind), with the page's HTML, JavaScript and CSS.
# Run through `./dev web`, which installs what it needs first. Objects are kept in build/web-obj and
# rebuilt only when a source is newer than them.
#
# pugixml: Debian ships its header and a shared library, not pugixml.cpp, which Emscripten must
# compile; its source comes from the PyPI sdist of `pugixml` (the pybind11 wrapper, which vendors
# pugixml's own source), downloaded with pip and checked against its sha256.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${WEB_OUT:-$ROOT/build/web}"
OBJ="$ROOT/build/web-obj"
PUGI_SDIST=pugixml==0.8.0
PUGI_SHA256=0f05bee514c59f76892f12c5dfc8270a09909f1d7730218540ce3aca3188ae92
PYTHON="${PYTHON:-python3}"
# Emscripten's JavaScript optimiser needs acorn, which Debian installs under /usr/share/nodejs.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
mkdir -p "$OUT" "$OBJ/include"

# Emscripten has its own sysroot: the host's header-only libraries are reached through links in a
# folder of their own (never -I/usr/include, which would bring glibc's headers in).
ln -sfn /usr/include/boost "$OBJ/include/boost"
ln -sfn /usr/include/nlohmann "$OBJ/include/nlohmann"

PUGI="$OBJ/pugixml"
if [ ! -f "$PUGI/pugixml.cpp" ]; then
  echo "web: fetching pugixml's source (PyPI sdist $PUGI_SDIST)"
  rm -rf "$OBJ/pugi-sdist" && mkdir -p "$OBJ/pugi-sdist" "$PUGI"
  "$PYTHON" -m pip download -q --no-binary :all: --no-deps --no-build-isolation "$PUGI_SDIST" -d "$OBJ/pugi-sdist"
  archive="$(ls "$OBJ"/pugi-sdist/*.tar.gz)"
  echo "$PUGI_SHA256  $archive" | sha256sum -c --quiet - || { echo "web: $archive: unexpected sha256" >&2; exit 1; }
  tar -xzf "$archive" -C "$OBJ/pugi-sdist"
  cp "$OBJ"/pugi-sdist/*/src/third_party/pugixml/src/pugi{xml.cpp,xml.hpp,config.hpp} "$PUGI/"
fi

FLAGS=(-std=c++20 -O2 -fexceptions -DNDEBUG -I"$ROOT/include" -I"$ROOT" -I"$OBJ/include" -I"$PUGI")
JOBS=()
compile() {  # source object [folders it also depends on]
  local src="$1" obj="$2"
  shift 2
  if [ ! -f "$obj" ] || [ -n "$(find "$@" "$src" -newer "$obj" -name '*.?pp' -print -quit)" ]; then
    echo "web: compiling $(basename "$src") (em++)"
    em++ "${FLAGS[@]}" -c "$src" -o "$obj" &
    JOBS+=($!)
  fi
}
compile "$PUGI/pugixml.cpp" "$OBJ/pugixml.o"
compile "$ROOT/web/src/safeguarding_web.cpp" "$OBJ/safeguarding_web.o" "$ROOT/include" "$ROOT/src"
for job in "${JOBS[@]}"; do wait "$job"; done

if [ ! -f "$OUT/safeguarding.wasm" ] || [ ! -f "$OUT/safeguarding.js" ] || [ "$OBJ/safeguarding_web.o" -nt "$OUT/safeguarding.wasm" ] \
   || [ "$OBJ/pugixml.o" -nt "$OUT/safeguarding.wasm" ]; then
  echo "web: linking safeguarding.js and safeguarding.wasm"
  em++ -O2 -fexceptions --bind "$OBJ/safeguarding_web.o" "$OBJ/pugixml.o" -o "$OUT/safeguarding.js" \
    -sMODULARIZE=1 -sEXPORT_NAME=createSafeguarding -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
    -sENVIRONMENT=web,worker -sFORCE_FILESYSTEM=1 -sEXPORTED_RUNTIME_METHODS=FS
fi
cp "$ROOT"/web/index.html "$ROOT"/web/app.js "$ROOT"/web/worker.js "$ROOT"/web/style.css "$OUT/"
echo "web: built $OUT"
