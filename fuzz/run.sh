#!/usr/bin/env bash
# Runs every fuzz target of intyg for a bounded time each, and
# prints how long each ran, how many inputs it tried and what it found.
# Not part of CI's test run: it needs the nightly toolchain and cargo-fuzz.
#
#   fuzz/run.sh             # 5 minutes a target
#   fuzz/run.sh 60          # 60 seconds a target
#   fuzz/run.sh 60 records  # one target
#
# A crash is saved under fuzz/artifacts/TARGET/; make it a regression test
# named after what broke, and fix it.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(records sheet programme org_number report_text record_values)
fi
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal

# Seeds: the samples' own files, so the fuzzer starts from real input.
mkdir -p corpus/records corpus/sheet corpus/programme corpus/org_number corpus/report_text corpus/record_values
for f in ../samples/*/*.csv ../tests/fixtures/*/*.csv; do printf '\000' | cat - "$f" > "corpus/records/$(basename "$(dirname "$f")")-$(basename "$f")"; done
# Exports as coordinators' programs write them (the first byte picks the file name).
for f in ../tests/fixtures/exports/*.csv; do printf '\000' | cat - "$f" > "corpus/sheet/$(basename "$f")"; done
for f in ../samples/*/intyg.toml ../tests/fixtures/*/intyg.toml; do cp "$f" "corpus/programme/$(basename "$(dirname "$f")").toml"; done
printf '556000-0001' > corpus/org_number/ab
printf '19802020-1234' > corpus/org_number/personal
printf '# Rubrik\n\nEn *mening* med **fetstil**.\n\n- punkt\n- punkt\n' > corpus/report_text/basic
tail -n +2 ../tests/fixtures/tiny/deltagare.csv > corpus/record_values/tiny

for t in "${targets[@]}"; do
  cargo +nightly fuzz build "$t" 2>&1 | grep -E '^error' || true
  log=$(mktemp)
  start=$(date +%s)
  status=0
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 > "$log" 2>&1 || status=$?
  took=$(( $(date +%s) - start ))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || grep -o '#[0-9]* *DONE' "$log" | grep -o '[0-9]*' || echo '?')
  if [[ $status -eq 0 ]]; then
    echo "$t: ${took} s, ${runs} inputs, nothing found"
  else
    echo "$t: ${took} s, FOUND a crash (fuzz/artifacts/$t/):"
    grep -m 5 -E 'panicked|ERROR|SUMMARY' "$log" | sed 's/^/  /'
  fi
  rm -f "$log"
done
