#!/usr/bin/env bash
# Measures intyg against the typst CLI on the same template and data, and
# prints documents per second, time per document and peak memory for each,
# with the ratios. Run from anywhere:
#
#   bench/compare.sh            # 1 000 and 10 000 records; typst CLI side by side
#   bench/compare.sh --large    # also 100 000 records and --combined 10 000
#
# Needs the typst CLI 0.15 (the version intyg embeds): $TYPST, `typst` on the
# PATH, or it is built once into target/typst-cli (about ten minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
large=${1:-}
work=$(mktemp -d -t intyg-compare-XXXX)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
intyg=$PWD/target/release/intyg
typst=${TYPST:-$(command -v typst || true)}
if [[ -z "$typst" || "$("$typst" --version)" != typst\ 0.15* ]]; then
  typst=$PWD/target/typst-cli/bin/typst
  if [[ ! -x "$typst" ]]; then
    echo "building the typst CLI 0.15.1 into target/typst-cli (once) ..." >&2
    cargo install typst-cli --version 0.15.1 --locked --quiet --root target/typst-cli
  fi
fi
cores=$(nproc)
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
now() { date +%s.%N; }

echo "machine: $cores cores; $("$typst" --version); intyg $("$intyg" --version | cut -d' ' -f2)"
echo

# intyg, warm runs of 1 000 and 10 000 invented records.
"$intyg" bench --records 1000 --keep "$work/b1000" --json > "$work/i1000.json"
"$intyg" bench --records 10000 --json > "$work/i10000.json"
r1k=$(field "$work/i1000.json" per_second)
r10k=$(field "$work/i10000.json" per_second)
printf 'intyg, separate PDFs:   1 000 records %7.0f docs/s (%.2f s), peak %5.0f MB; compile %.2f ms, export %.2f ms a document\n' \
  "$r1k" "$(field "$work/i1000.json" seconds)" "$(field "$work/i1000.json" peak_mb)" \
  "$(field "$work/i1000.json" compile_ms)" "$(field "$work/i1000.json" export_ms)"
printf 'intyg, separate PDFs:  10 000 records %7.0f docs/s (%.2f s), peak %5.0f MB\n' \
  "$r10k" "$(field "$work/i10000.json" seconds)" "$(field "$work/i10000.json" peak_mb)"

# Cold start: a whole process issuing one certificate.
"$intyg" bench --records 1 --keep "$work/b1" --json > /dev/null
rm -rf "$work/b1/out"
t0=$(now); "$intyg" issue "$work/b1" -q --on 2026-11-23; t1=$(now)
cold=$(python3 -c "print(($t1-$t0)*1000)")
printf 'intyg, cold start: one certificate in a new process: %.0f ms (first PDF %.0f ms after start)\n' \
  "$cold" "$(field "$work/i1000.json" first_pdf_ms)"

# The same 1 000 records as a typst project, for the typst CLI.
"$intyg" issue "$work/b1000" --out "$work/b1000/again" --emit-typst "$work/typst" -q --on 2026-11-23
cd "$work/typst"
n=300
t0=$(now)
seq -f '%04g' 1 $n | xargs -P "$cores" -I{} "$typst" compile --font-path fonts --ignore-system-fonts \
  one.typ --input record=data/{}.json "$work/one-{}.pdf"
t1=$(now)
per_record=$(python3 -c "print($n/($t1-$t0))")
printf 'typst CLI, one process per record, %d at a time:     %7.0f docs/s\n' "$cores" "$per_record"
t0=$(now)
for i in $(seq -f '%04g' 1 $n); do
  "$typst" compile --font-path fonts --ignore-system-fonts one.typ --input record=data/$i.json "$work/one-$i.pdf"
done
t1=$(now)
sequential=$(python3 -c "print($n/($t1-$t0))")
printf 'typst CLI, one process per record, one after another: %5.0f docs/s\n' "$sequential"
t0=$(now)
"$typst" compile --font-path fonts --ignore-system-fonts all.typ "$work/all.pdf"
t1=$(now)
pages=$(pdfinfo "$work/all.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo 1000)
one_run=$(python3 -c "print(${pages:-1000}/($t1-$t0))")
printf 'typst CLI, one document of all 1 000 records:       %7.0f pages/s (%.2f s)\n' "$one_run" "$(python3 -c "print($t1-$t0)")"
cd - > /dev/null

echo
python3 - "$r1k" "$r10k" "$per_record" "$one_run" "$cold" "$sequential" <<'PY'
import sys
r1k, r10k, per, one, cold, seq = map(float, sys.argv[1:])
def line(what, value, target, ok):
    print(f"  {what:<58} {value:>8}   target {target:<8} {'met' if ok else 'NOT met'}")
print("targets:")
line("documents/s, 1 000 records", f"{r1k:.0f}", ">= 800", r1k >= 800)
line("intyg / typst CLI once per record, one after another", f"{r1k/seq:.1f}x", ">= 10x", r1k / seq >= 10)
line("intyg / typst CLI once per record, one per core", f"{r1k/per:.1f}x", ">= 10x", r1k / per >= 10)
line("intyg / typst CLI one document of the batch", f"{r1k/one:.2f}x", ">= 0.5x", r1k / one >= 0.5)
line("cold start, one certificate (ms)", f"{cold:.0f}", "< 100", cold < 100)
line("10 000 records: time / 10 x time of 1 000", f"{r1k/r10k:.2f}", "<= 1.0", r1k / r10k <= 1.0)
PY

if [[ "$large" == "--large" ]]; then
  "$intyg" bench --records 100000 --json > "$work/i100k.json"
  printf 'intyg, separate PDFs: 100 000 records %7.0f docs/s (%.0f s), peak %5.0f MB\n' \
    "$(field "$work/i100k.json" per_second)" "$(field "$work/i100k.json" seconds)" "$(field "$work/i100k.json" peak_mb)"
  "$intyg" bench --records 10000 --combined --json > "$work/c10k.json"
  printf 'intyg, 10 000 records and --combined:  peak %5.0f MB (%.0f s)\n' \
    "$(field "$work/c10k.json" peak_mb)" "$(field "$work/c10k.json" seconds)"
  python3 - "$(field "$work/i1000.json" seconds)" "$(field "$work/i100k.json" seconds)" \
    "$(field "$work/i100k.json" peak_mb)" "$(field "$work/c10k.json" peak_mb)" <<'PY'
import sys
t1k, t100k, peak, comb = map(float, sys.argv[1:])
print(f"  100 000 records take {t100k/t1k:.0f}x the time of 1 000 (target <= 100x): {'met' if t100k <= 100*t1k else 'NOT met'}")
print(f"  peak memory at 100 000: {peak:.0f} MB (target < 150): {'met' if peak < 150 else 'NOT met'}")
print(f"  peak memory, --combined 10 000: {comb:.0f} MB (target < 1 000): {'met' if comb < 1000 else 'NOT met'}")
PY
fi
