#!/usr/bin/env bash
# Whole-process timing of `brief check` against its floor on a generated library.
#
#   benches/measure.sh [COUNT] [DIR]
#
# Builds release, writes COUNT briefings (default 2000) into DIR (default: a
# new temporary folder, removed at the end; a DIR that is given is kept and
# must be new or empty), then times
#
#   floor:  target/release/examples/floor DIR   (serde-saphyr only, all cores)
#   check:  target/release/brief check DIR      (parse + validate, all cores)
#
# with hyperfine when installed, /usr/bin/time otherwise: RUNS rounds (default
# 10) of one run each, taking turns, and prints check / floor for wall time and
# for CPU time (user + system). Then the peak RSS of `brief check` (from
# /usr/bin/time -v) against the library's size. MEASURE_WITH=time uses
# /usr/bin/time even where hyperfine is installed.
set -euo pipefail

count=${1:-2000}
dir=${2:-}
runs=${RUNS:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}

work=$(mktemp -d -t brief-measure-XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
if [[ -z $dir ]]; then
  dir=$work/library
elif [[ -e $dir && -n $(ls -A "$dir") ]]; then
  echo "measure.sh: $dir is not empty; give a new or empty folder" >&2
  exit 2
fi

echo "== build"
(cd "$root" && cargo build --release --bin brief --example gen-library --example floor)
brief=$target/release/brief
floor=$target/release/examples/floor

echo "== library"
"$target/release/examples/gen-library" "$count" "$dir"
bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
disk_kb=$(du -sk "$dir" | cut -f1)

# Both must accept the whole library, or the comparison means nothing.
"$floor" "$dir" >/dev/null
"$brief" check "$dir" >/dev/null

echo "== timing ($runs rounds)"
# The two commands take turns, one run each per round, so that a machine whose
# load changes during the measurement disturbs both alike; each round gives a
# ratio, and the medians are reported.
if [[ ${MEASURE_WITH:-} == time ]]; then
  tool=time
elif command -v hyperfine >/dev/null; then
  tool=hyperfine
elif [[ -x /usr/bin/time ]]; then
  tool=time
else
  echo "neither hyperfine nor /usr/bin/time: apt-get install -y hyperfine time" >&2
  exit 1
fi
echo "with $tool"
"$floor" "$dir" >/dev/null # warm-up: the files into the page cache
for round in $(seq "$runs"); do
  if [[ $tool == hyperfine ]]; then
    hyperfine --style none --runs 1 --export-csv "$work/round.csv" \
      -n floor "$floor $dir" -n check "$brief check $dir" 2>/dev/null
    # command,mean,stddev,median,user,system,min,max (seconds)
    awk -F, -v r="$round" 'NR > 1 { print r, $1, $2, $5, $6 }' "$work/round.csv" >>"$work/times.txt"
  else
    /usr/bin/time -f "$round floor %e %U %S" -a -o "$work/times.txt" "$floor" "$dir" >/dev/null
    /usr/bin/time -f "$round check %e %U %S" -a -o "$work/times.txt" "$brief" check "$dir" >/dev/null
  fi
done
# Lines: round name wall user system.
awk -v target=1.3 '
  function median(a, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  { wall[$2, $1] = $3; cpu[$2, $1] = $4 + $5; if ($1 > n) n = $1 }
  END {
    for (i = 1; i <= n; i++) {
      fw[i] = wall["floor", i]; cw[i] = wall["check", i]; fc[i] = cpu["floor", i]; cc[i] = cpu["check", i]
      rw[i] = wall["check", i] / wall["floor", i]; rc[i] = cpu["check", i] / cpu["floor", i]
    }
    printf "floor: wall %.3f s, cpu %.3f s (medians of %d runs)\n", median(fw, n), median(fc, n), n
    printf "check: wall %.3f s, cpu %.3f s (medians of %d runs)\n", median(cw, n), median(cc, n), n
    printf "check / floor: wall %.2fx, cpu (user + system) %.2fx (medians of the %d rounds'"'"' ratios); target <= %.1fx\n", median(rw, n), median(rc, n), n, target
  }' "$work/times.txt"

echo "== memory"
if [[ -x /usr/bin/time ]]; then
  rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
  check_kb=$(rss "$brief" check "$dir")
  floor_kb=$(rss "$floor" "$dir")
  awk -v c="$check_kb" -v f="$floor_kb" -v b="$bytes" -v d="$disk_kb" -v n="$count" 'BEGIN {
    printf "library: %d files, %.1f MB of text (%.1f MB on disk)\n", n, b / 1e6, d * 1024 / 1e6
    printf "peak RSS: check %.1f MB = %.2fx the library text; floor %.1f MB = %.2fx\n",
      c * 1024 / 1e6, c * 1024 / b, f * 1024 / 1e6, f * 1024 / b
  }'
else
  echo "peak RSS needs /usr/bin/time (apt-get install -y time)" >&2
fi
