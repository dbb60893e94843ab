#!/usr/bin/env bash
# Runs the libFuzzer binary (Fuzz/, built with coverage and AddressSanitizer) once
# per parser for SECONDS each. Seeds: the fixtures of that kind and what earlier runs kept
# under fixtures/fuzz/TARGET/; the corpus grows in .build/fuzz/corpus/TARGET, and a crash
# is written to .build/fuzz/ (keep it under fixtures/fuzz/TARGET/ once fixed).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="$1"; shift
binary="Fuzz/.build/debug/congress-fuzz"
mkdir -p .build/fuzz
status=0
for target in "$@"; do
  corpus=".build/fuzz/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    payload|ballot-line) printf 'DH1.CJHE4.DB0123.1.AAAA\n' > "$corpus/seed-payload"; printf 'K7QX2M 3 5 11 d\n' > "$corpus/seed-line" ;;
    election-file) cp fixtures/elections/*.json "$corpus/" ;;
    csv) cp fixtures/delegates.csv fixtures/bad/*.csv "$corpus/" ;;
    xlsx) cp fixtures/delegates.xlsx fixtures/bad/*.xlsx "$corpus/" ;;
  esac
  seeds=()
  [ -d "fixtures/fuzz/$target" ] && seeds+=("fixtures/fuzz/$target")
  [ "$target" = xlsx ] && [ -d fixtures/fuzz/import-xlsx ] && seeds+=(fixtures/fuzz/import-xlsx)
  echo "== libFuzzer: $target for ${seconds}s"
  set +e
  FUZZ_TARGET="$target" "$binary" -max_total_time="$seconds" -max_len=200000 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=".build/fuzz/$target-" "$corpus" "${seeds[@]}" > ".build/fuzz/$target.log" 2>&1
  result=$?
  set -e
  # the coverage reached, and anything it found
  grep -E "DONE|Done [0-9]+ runs|ERROR|SUMMARY|Test unit written" ".build/fuzz/$target.log" | tail -n 4
  [ "$result" -eq 0 ] || { echo "libFuzzer $target: exit $result (log: .build/fuzz/$target.log)"; status=1; }
done
exit $status
