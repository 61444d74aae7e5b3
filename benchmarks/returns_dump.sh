#!/usr/bin/env bash
# Dumps everything the SSDA903 and CIN census readers produce (benchmarks/returns_dump.cpp) for every
# file and folder of tests/data, examples/returns and the readers' fuzz regressions, and for the
# benchmarks' generated returns in GENERATED (benchmarks/returns_data.py: GENERATED/ssda903 and
# GENERATED/cin.xml), to OUT. Run before and after a change to the readers; the two dumps must be
# byte for byte the same (cmp).
#
#   benchmarks/returns_dump.sh BUILD-DIR OUT [GENERATED]
set -euo pipefail
cd "$(dirname "$0")/.."
tool="$1/benchmarks/returns_dump"
out="$2"
gen="${3:-}"
{
  for f in tests/data/ssda903/* examples/returns/ssda903/* examples/returns/ssda903 tests/data/ssda903 \
    tests/fuzz/regressions/ssda903_csv/* tests/fuzz/regressions/ssda903_xml/*; do
    "$tool" 903 "$f"
  done
  "$tool" 903-all tests/data/ssda903/*.csv
  "$tool" regional tests/data/ssda903_regional/*.csv
  for f in tests/data/ssda903_regional/*.csv; do "$tool" 903 "$f"; done
  "$tool" cin tests/data/cin_census/* examples/returns/*.xml tests/fuzz/regressions/cin_xml/*
  if [ -n "$gen" ]; then
    "$tool" 903 "$gen/ssda903"
    "$tool" cin "$gen/cin.xml"
  fi
} >"$out" 2>&1
