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
# with hyperfine when installed (RUNS runs each, default 10, after one warm-up),
# or /usr/bin/time otherwise, and prints check / floor for wall time and for
# CPU time (user + system). Then the peak RSS of `brief check` (from
# /usr/bin/time -v) against the library's size.
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

echo "== timing ($runs runs each)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-csv "$work/times.csv" \
    -n floor "$floor $dir" -n check "$brief check $dir"
  # command,mean,stddev,median,user,system,min,max (seconds)
  awk -F, -v target=1.3 '
    NR > 1 { mean[$1] = $2; median[$1] = $4; cpu[$1] = $5 + $6; min[$1] = $7 }
    END {
      printf "floor: mean %.3f s, median %.3f s, min %.3f s, cpu %.3f s\n", mean["floor"], median["floor"], min["floor"], cpu["floor"]
      printf "check: mean %.3f s, median %.3f s, min %.3f s, cpu %.3f s\n", mean["check"], median["check"], min["check"], cpu["check"]
      printf "check / floor: wall (median) %.2fx, wall (min) %.2fx, cpu (mean user+system) %.2fx; target <= %.1fx\n",
        median["check"] / median["floor"], min["check"] / min["floor"], cpu["check"] / cpu["floor"], target
    }' "$work/times.csv"
elif [[ -x /usr/bin/time ]]; then
  for name in floor check; do
    cmd=("$floor" "$dir")
    [[ $name == check ]] && cmd=("$brief" check "$dir")
    for _ in $(seq "$runs"); do
      /usr/bin/time -f "$name %e %U %S" -a -o "$work/times.txt" "${cmd[@]}" >/dev/null
    done
  done
  awk -v target=1.3 '
    { n[$1]++; wall[$1, n[$1]] = $2; cpu[$1] += $3 + $4 }
    function median(name,   i, j, t, k) {
      k = n[name]
      for (i = 1; i <= k; i++) v[i] = wall[name, i]
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
    }
    END {
      f = median("floor"); c = median("check")
      printf "floor: median %.3f s, cpu %.3f s\n", f, cpu["floor"] / n["floor"]
      printf "check: median %.3f s, cpu %.3f s\n", c, cpu["check"] / n["check"]
      printf "check / floor: wall (median) %.2fx, cpu (mean user+system) %.2fx; target <= %.1fx\n",
        c / f, (cpu["check"] / n["check"]) / (cpu["floor"] / n["floor"]), target
    }' "$work/times.txt"
else
  echo "neither hyperfine nor /usr/bin/time: apt-get install -y hyperfine time" >&2
  exit 1
fi

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
