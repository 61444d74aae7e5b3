#!/usr/bin/env bash
# cibuildwheel's before-all on Linux (manylinux, musllinux) and macOS (pyproject.toml,
# [tool.cibuildwheel]): the C++ dependencies the wheel is built against, installed under PREFIX
# (the first argument; /usr/local by default):
#   pugixml 1.14        built here, static and position independent, so the wheel carries it
#                       (the extension links pugixml::static: cmake/dependencies.cmake)
#   nlohmann/json 3.11  headers only
#   Boost 1.71 or newer headers only (Date_Time's): apk on musllinux, Homebrew on macOS; built here
#                       with b2 on manylinux, whose AlmaLinux 8 packages Boost 1.66
# Windows installs the same with vcpkg (pyproject.toml, [tool.cibuildwheel.windows]).
set -euo pipefail

PREFIX="${1:-/usr/local}"
PUGIXML_VERSION=1.14
JSON_VERSION=3.11.3
BOOST_VERSION=1.86.0
WORK="$(mktemp -d)"
mkdir -p "$PREFIX"

fetch() { curl -fsSL --retry 3 -o "$2" "$1"; }

cmake_install() {  # SOURCE_DIR, then CMake options
  local src="$1"; shift
  cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" "$@"
  cmake --build "$src/build" --parallel 2
  cmake --install "$src/build"
}

cd "$WORK"
if command -v apk >/dev/null 2>&1; then
  apk add --no-cache boost-dev curl
elif command -v brew >/dev/null 2>&1; then
  brew install boost
else
  # manylinux: Boost's headers and its CMake package (BoostConfig.cmake), with b2.
  fetch "https://archives.boost.io/release/${BOOST_VERSION}/source/boost_${BOOST_VERSION//./_}.tar.gz" boost.tar.gz
  tar -xzf boost.tar.gz
  (cd "boost_${BOOST_VERSION//./_}" && ./bootstrap.sh --prefix="$PREFIX" --with-libraries=date_time >/dev/null \
    && ./b2 -j2 -d0 install link=static cxxflags=-fPIC --prefix="$PREFIX")
fi

fetch "https://github.com/zeux/pugixml/releases/download/v${PUGIXML_VERSION}/pugixml-${PUGIXML_VERSION}.tar.gz" pugixml.tar.gz
tar -xzf pugixml.tar.gz
cmake_install "pugixml-${PUGIXML_VERSION}" -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DPUGIXML_BUILD_TESTS=OFF

fetch "https://github.com/nlohmann/json/releases/download/v${JSON_VERSION}/json.tar.xz" json.tar.xz
tar -xJf json.tar.xz
cmake_install json -DJSON_BuildTests=OFF -DJSON_Install=ON

rm -rf "$WORK"
