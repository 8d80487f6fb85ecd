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
  targets=(records sheet programme org_number report_text record_values cell_values workbook_xml)
fi
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal

# Seeds: the samples' own files, so the fuzzer starts from real input.
mkdir -p corpus/records corpus/sheet corpus/programme corpus/org_number corpus/report_text corpus/record_values corpus/cell_values corpus/workbook_xml
for f in ../samples/*/*.csv ../tests/fixtures/*/*.csv; do printf '\000' | cat - "$f" > "corpus/records/$(basename "$(dirname "$f")")-$(basename "$f")"; done
# Exports as coordinators' programs write them (the first byte picks the file name).
for f in ../tests/fixtures/exports/*.csv; do printf '\000' | cat - "$f" > "corpus/sheet/$(basename "$f")"; done
for f in ../samples/*/intyg.toml ../tests/fixtures/*/intyg.toml; do cp "$f" "corpus/programme/$(basename "$(dirname "$f")").toml"; done
printf '556000-0001' > corpus/org_number/ab
printf '19802020-1234' > corpus/org_number/personal
printf '# Rubrik\n\nEn *mening* med **fetstil**.\n\n- punkt\n- punkt\n' > corpus/report_text/basic
tail -n +2 ../tests/fixtures/tiny/deltagare.csv > corpus/record_values/tiny
# Platforms' cells: an e-learning export (even first byte) and a course with a count (odd).
printf '\000Åsa Öberg;asa@x.se;Slutförd;2025-12-31T23:30:00Z;0,95\nPer Ek;per@x.se;Ja;onsdag, 4 mars 2026, 14:22;17/20\nEva;e@x.se;Completed;1767223800;85 %%\n' > corpus/cell_values/elearning
printf '\001Åsa Öberg;asa@x.se;X;X;;X;3\nPer Ek;per@x.se;X;X;X;X;4\n' > corpus/cell_values/course
printf '\003Åsa Öberg;asa@x.se;X;X;X;;3\n' > corpus/cell_values/early
# Sheet XML from the platform fixtures (odd first byte: an .ods content.xml).
for f in ../tests/fixtures/platforms/*.xlsx; do { printf '\000'; unzip -p "$f" xl/worksheets/sheet1.xml; } > "corpus/workbook_xml/$(basename "$f")"; done
for f in ../tests/fixtures/platforms/*.ods; do { printf '\001'; unzip -p "$f" content.xml; } > "corpus/workbook_xml/$(basename "$f")"; done

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
