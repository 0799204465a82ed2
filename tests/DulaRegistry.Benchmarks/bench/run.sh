#!/usr/bin/env bash
# Side-by-side benchmark: the registry tool and Hugo on the same generated registry.
#
#   tests/DulaRegistry.Benchmarks/bench/run.sh [SIZES...]     default sizes: 1000 10000 (100000 works, and takes long)
#
# For each size it generates a registry (fixed seed: the same files every time; every lifecycle state, 108 agencies,
# committed over COMMITS commits), points a Hugo site at the same agreements/ and agencies/ folders, and then, ROUNDS
# times, alternates the tool's steps with Hugo's cold build:
#   validate       `registry validate`, a fresh process
#   build-cold     `registry build` into an empty --out
#   build-one      `registry build` again into the same --out after one agreement's title changed
#   history        the status history read from Git (`history` mode; its first in-process round, see below)
#   hugo-cold      `hugo --quiet -d OUT` into an empty OUT, with an empty cache folder
# Each under `/usr/bin/time -v`: wall time, CPU time (user + system) and peak resident memory. It prints the median of
# each per size, and the tool's cold build over Hugo's (wall and memory).
#
# Environment: ROUNDS (default 3), COMMITS (default 50), WORK (default /tmp/dula-bench; everything it writes goes there),
# TODAY (the --today the tool checks expiry against; default 2026-11-22, so results do not change with the date),
# NO_BUILD=1 to skip the Release builds, TOOL to choose which build of the tool is timed (see below: aot, the default,
# composite, fd or jit). Needs: the .NET SDK, git, hugo (Debian: apt-get install hugo), GNU time (Debian: apt-get install
# time) and, for TOOL=aot, a C toolchain (clang or gcc). Not run by CI: it times, and CI does not.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
rounds="${ROUNDS:-3}"
commits="${COMMITS:-50}"
work="${WORK:-/tmp/dula-bench}"
today="${TODAY:-2026-11-22}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

die() { echo "bench: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: install GNU time (Debian: apt-get install time)"
command -v hugo >/dev/null || die "hugo is missing: install it (Debian: apt-get install hugo)"
command -v dotnet >/dev/null || die "dotnet is missing: install the .NET SDK named in global.json"
command -v git >/dev/null || die "git is missing"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number of at least 1, not '$rounds'"
for n in "${sizes[@]}"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "a size is a number of agreements, such as 1000, not '$n'"; done

# Which build of the tool is timed:
#   aot        (default) the native executable, as deployed for speed: `dotnet publish -p:PublishAot=true`, one file
#              compiled ahead of time with the .NET runtime, so a fresh process neither loads IL nor runs the JIT
#   composite  self-contained, one composite ReadyToRun image of the tool, the .NET runtime and its libraries (precompiled
#              together, so almost nothing is JIT-compiled, not even the framework's generic code the tool instantiates)
#   fd         framework-dependent ReadyToRun (smaller, needs the shared runtime; generic instantiations across it are
#              JIT-compiled)
#   jit        the plain `dotnet build` output
kind="${TOOL:-aot}"
case "$kind" in
  aot | composite) tool=("$work/tool/RegistryTool") ;;
  fd) tool=(dotnet "$work/tool/RegistryTool.dll") ;;
  jit) tool=(dotnet "$repo/tool/RegistryTool/bin/Release/net10.0/RegistryTool.dll") ;;
  *) die "TOOL is aot (the default), composite, fd or jit, not '$kind'" ;;
esac
bench="$repo/tests/DulaRegistry.Benchmarks/bin/Release/net10.0/DulaRegistry.Benchmarks.dll"
if [ "${NO_BUILD:-}" != 1 ]; then
  echo "building the tool and the benchmark project (Release)"
  dotnet build -c Release --nologo -v quiet "$repo/tool/RegistryTool" >/dev/null || die "the tool did not build; run: dotnet build -c Release tool/RegistryTool"
  # The composite and the per-assembly ReadyToRun images are both made in obj/…/R2R, and the SDK reuses what it finds
  # there: a framework-dependent publish after a composite one got the composite's stubs and aborted at start. Start clean.
  rm -rf "$repo"/tool/RegistryTool/obj/Release/net10.0/*/R2R
  case "$kind" in
    aot)
      rm -rf "$work/tool"
      echo "publishing the native tool (a minute or two: the tool and the runtime are compiled to one executable)"
      dotnet publish -c Release --nologo -v quiet --use-current-runtime -p:PublishAot=true -o "$work/tool" "$repo/tool/RegistryTool" >/dev/null \
        || die "the native publish failed (it needs clang or gcc); run with TOOL=composite"
      ;;
    composite)
      rm -rf "$work/tool"
      echo "publishing the composite ReadyToRun tool (a few minutes: the runtime's libraries are compiled too)"
      dotnet publish -c Release --nologo -v quiet --use-current-runtime --self-contained true -p:PublishReadyToRun=true \
        -p:PublishReadyToRunComposite=true -o "$work/tool" "$repo/tool/RegistryTool" >/dev/null \
        || die "the composite ReadyToRun publish failed; run with TOOL=fd or TOOL=jit"
      ;;
    fd)
      rm -rf "$work/tool"
      dotnet publish -c Release --nologo -v quiet --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
        -o "$work/tool" "$repo/tool/RegistryTool" >/dev/null || die "the ReadyToRun publish failed; run with TOOL=jit to measure the plain build"
      ;;
  esac
  dotnet build -c Release --nologo -v quiet "$repo/tests/DulaRegistry.Benchmarks" >/dev/null || die "the benchmark project did not build"
fi
[ -f "${tool[-1]}" ] && [ -f "$bench" ] || die "Release builds not found; run without NO_BUILD=1"

mkdir -p "$work"
results="$work/results.tsv"   # size, step, round, wall s, cpu s, peak KB
: > "$results"

# What a round replaces is moved aside, not deleted, until every round is done. ext4 without a journal (as on the disk
# these figures were taken on) does not reuse an inode freed in the last one to five minutes, and steps past each such
# inode, one by one, whenever it creates a file: a build that follows the deletion of a previous build's tens of
# thousands of files pays for that deletion (at 100,000 agreements, a third of the build's CPU time). A build on a fresh
# checkout, as in CI, does not pay it, and neither should either side here. Whatever an interrupted run left aside is
# deleted at the end of the next run.
trash="$work/trash"
mkdir -p "$trash"
aside() {
  local path
  for path in "$@"; do
    if [ -e "$path" ]; then mv "$path" "$(mktemp -d "$trash/XXXXXX")/"; fi
  done
}

# measure SIZE STEP ROUND COMMAND...: runs COMMAND under /usr/bin/time -v, its output in $work/logs, one line in $results.
measure() {
  local size="$1" step="$2" round="$3"; shift 3
  local log="$work/logs/$size-$step-$round.log" timing="$work/logs/$size-$step-$round.time"
  mkdir -p "$work/logs"
  # What the steps before wrote goes to disk first, untimed: otherwise the kernel writes it back during this step (Hugo's
  # 100 MB during the next `validate`, the cold build's 270 MB during the one-file rebuild), and a step pays for the one
  # before it. Each step then pays only for itself, on both sides.
  sync
  if ! /usr/bin/time -v -o "$timing" "$@" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "$step failed at size $size, round $round (full output: $log)"
  fi
  local wall cpu kb
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timing")"
  cpu="$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$timing")"
  kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")"
  if [ "$step" = history ]; then
    # The `history` mode reads the history three times in one process; count its first read, as `registry build` does
    # it once in a fresh process. Peak memory stays the whole process's.
    read -r wall cpu < <(awk '/^round 1: whole read/ { w = $5; c = $8; sub(/\(CPU /, "", c); print w / 1000, c / 1000 }' \
      "$log" | sed 's/)//')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$step" "$round" "$wall" "$cpu" "$kb" >> "$results"
  printf '  %-11s round %s: %6.2f s wall, %6.2f s CPU, %6.0f MB peak\n' "$step" "$round" "$wall" "$cpu" "$(echo "$kb" | awk '{ print $1 / 1024 }')"
}

for size in "${sizes[@]}"; do
  reg="$work/reg$size"
  echo "size $size: generating $reg ($commits commits)"
  aside "$reg"
  dotnet "$bench" generate "$reg" "$size" --commits "$commits" >/dev/null
  # One pack, as a clone has. Not `git gc`: it deletes the tens of thousands of loose objects it packed, and the builds
  # measured in the next minutes would pay for that (see `aside` above). Git and libgit2 read the pack first.
  git -C "$reg" repack -a -q
  git -C "$reg" checkout -q -f main   # a work tree that matches main, so `git status` is clean

  # A Hugo site whose content sections are the registry's own folders, mounted, not copied.
  site="$work/hugo$size"
  aside "$site"; mkdir -p "$site"
  cat > "$site/hugo.toml" <<EOF
title = "Generated benchmark registry"
baseURL = "/"
theme = "hugo-theme"
themesDir = "$here"
disableKinds = ["taxonomy", "term"]
[[module.mounts]]
source = "$reg/agreements"
target = "content/agreements"
[[module.mounts]]
source = "$reg/agencies"
target = "content/agencies"
EOF

  # The one-file change: the first agreement's title, restored after each round.
  changed=DULA-2020-0001.md
  cp "$reg/agreements/$changed" "$work/original.md"
  out="$work/site$size" hout="$work/hugo-out$size" hcache="$work/hugo-cache$size"
  for round in $(seq 1 "$rounds"); do
    measure "$size" validate "$round" "${tool[@]}" validate --root "$reg" --today "$today"
    aside "$out" "$(dirname "$out")/.$(basename "$out").registry-cache"   # no site and no incremental-build cache
    measure "$size" build-cold "$round" "${tool[@]}" build --root "$reg" --out "$out" --today "$today"
    sed -i '0,/^title: /s/^title: .*/& (edited)/' "$reg/agreements/$changed"
    measure "$size" build-one "$round" "${tool[@]}" build --root "$reg" --out "$out" --today "$today"
    cp "$work/original.md" "$reg/agreements/$changed"
    measure "$size" history "$round" dotnet "$bench" history "$reg"
    aside "$hout" "$hcache"
    measure "$size" hugo-cold "$round" hugo --quiet --source "$site" --cacheDir "$hcache" -d "$hout"
  done
  # Both built a page for every agreement, or the comparison means nothing.
  ours="$(find "$out/agreements" -mindepth 2 -maxdepth 2 -path "$out/agreements/DULA-*/index.html" | wc -l)"
  theirs="$(find "$hout/agreements" -mindepth 2 -name index.html | wc -l)"
  echo "  agreement pages: registry $ours, Hugo $theirs"
  [ "$ours" -eq "$size" ] || die "the registry built $ours agreement pages, not $size; see $out"
  [ "$theirs" -eq "$size" ] || die "Hugo built $theirs agreement pages, not $size; see $site"
done

echo
echo "Medians of $rounds round(s), tool: $kind, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
awk -F'\t' '
  { key = $1 SUBSEP $2; n[key]++; wall[key, n[key]] = $4; cpu[key, n[key]] = $5; kb[key, n[key]] = $6
    if (!($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 } }
  function median(a, key, count,   i, j, t, v) {
    for (i = 1; i <= count; i++) v[i] = a[key, i] + 0
    for (i = 2; i <= count; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END {
    split("validate build-cold build-one history hugo-cold", steps, " ")
    printf "| %-7s | %-10s | %8s | %8s | %8s |\n", "size", "step", "wall s", "CPU s", "peak MB"
    printf "|---------|------------|----------|----------|----------|\n"
    for (s = 1; s <= ns; s++) {
      for (t = 1; t <= 5; t++) {
        key = sizes[s] SUBSEP steps[t]; if (!(key in n)) continue
        w[steps[t]] = median(wall, key, n[key]); m[steps[t]] = median(kb, key, n[key]) / 1024
        printf "| %-7s | %-10s | %8.2f | %8.2f | %8.0f |\n", sizes[s], steps[t], w[steps[t]], median(cpu, key, n[key]), m[steps[t]]
      }
      ratio[s] = sprintf("%s: registry build cold / Hugo cold = %.2f wall, %.2f peak memory", sizes[s],
        w["build-cold"] / w["hugo-cold"], m["build-cold"] / m["hugo-cold"])
    }
    print ""
    for (s = 1; s <= ns; s++) print ratio[s]
  }' "$results"
echo "(every round: $results; every output: $work/logs)"
echo "deleting the outputs of the rounds ($trash)"
rm -rf "$trash"
