#!/usr/bin/env bash
# Every header compiles on its own (it includes what it uses), in both modes of the library
# (docs/architecture.md, "Compiled, with a header-first surface"):
#   include/safeguarding/**/*.hpp  as an application includes them: compiled (-Iinclude only, so that
#                                  none reaches into src/) and header-only (SAFEGUARDING_HEADER_ONLY);
#   src/**/*.hpp                   the private headers, as the sources include them, in both modes:
#                                  in header-only mode each header includes its sources at its end,
#                                  and those include private headers back.
# Each is `#include`d alone into an empty file and compiled with -fsyntax-only, JOBS (default 2) at a
# time, with $CXX (default g++). Prints each header that fails with the compiler's first errors, and
# how many compiled and in how long. ./dev lint runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CXX="${CXX:-g++}"
JOBS="${JOBS:-2}"
command -v "$CXX" >/dev/null 2>&1 || { echo "    $CXX is not installed (Debian: apt-get install g++)"; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# One line per compile: KIND MODE HEADER.
{
  git ls-files --cached --others --exclude-standard -- 'include/*.hpp' 'src/*.hpp' 2>/dev/null \
    || find include src -name '*.hpp'
} | sort -u | while read -r header; do
  [ -f "$header" ] || continue
  for mode in compiled header-only; do printf '%s %s\n' "$mode" "$header"; done
done >"$WORK/list"

# Compiles one header (MODE HEADER); on failure writes the compiler's first errors to WORK/failed.N.
check_one() {
  local mode="$1" header="$2" dir flags=(-std=c++20 -fsyntax-only -Iinclude)
  dir="$(mktemp -d "$WORK/h.XXXXXX")"
  case "$header" in
    include/*) printf '#include <%s>\n' "${header#include/}" >"$dir/x.cpp" ;;
    *) printf '#include "%s"\n' "$header" >"$dir/x.cpp"; flags+=(-I.) ;;
  esac
  # Header-only mode needs the project root on the path: the headers include src/….cpp.
  [ "$mode" = header-only ] && flags+=(-DSAFEGUARDING_HEADER_ONLY -I.)
  if ! "$CXX" "${flags[@]}" "$dir/x.cpp" >"$dir/log" 2>&1; then
    { printf '%s (%s mode):\n' "$header" "$mode"; grep -m 12 -B 6 'error' "$dir/log" | head -n 40; echo; } \
      >"$dir/failed"
    mv "$dir/failed" "$WORK/failed.$(basename "$dir")"
  fi
  rm -rf "$dir"
}
export -f check_one
export CXX WORK

start=$SECONDS
xargs -P "$JOBS" -L 1 bash -c 'check_one "$@"' _ <"$WORK/list"
total=$(wc -l <"$WORK/list")
shopt -s nullglob
failed=("$WORK"/failed.*)
if [ ${#failed[@]} -gt 0 ]; then
  cat "${failed[@]}"
  echo "    ${#failed[@]} of $total compiles failed: each header above does not compile on its own in that mode"
  exit 1
fi
echo "    $((total / 2)) headers compile on their own in both modes ($total compiles, $JOBS at a time, $((SECONDS - start)) s)"
