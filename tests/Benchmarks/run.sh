#!/usr/bin/env bash
# Runs every benchmark scenario of issue 6 and writes tests/Benchmarks/RESULTS.md.
#   tests/Benchmarks/run.sh            the full run (about 12 minutes on 2 cores, Native AOT publishes included;
#                                      FLAGWORK_BENCH_SKIP_AOT=1 leaves them out)
#   tests/Benchmarks/run.sh --quick    fewer iterations and runs, to try the script out (RESULTS.md says so)
# Scenarios 1, 2, 5 (and the breakdown) use BenchmarkDotNet in process; 3 and 4 start the sample component and the floor
# app on 127.0.0.1 and measure them from outside (a Stopwatch harness, and wrk). Every server is killed by its PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench=tests/Benchmarks
out=$bench/BenchmarkDotNet.Artifacts/results
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git rev-parse --short HEAD)
dirty=$(git status --porcelain -- src generators samples | wc -l)
SECONDS=0

quick=""
runs=12
seconds=3
if [ "${1:-}" = "--quick" ]; then
  quick="--quick"
  runs=3
  seconds=2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# wrk drives scenario 4; it comes from Debian's packages.
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing wrk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || echo "apt-get update failed; continuing" >&2
    apt-get install -y -qq --no-install-recommends wrk >/dev/null || echo "wrk could not be installed; scenario 4 is skipped" >&2
  else
    echo "wrk is missing and this is not root; scenario 4 is skipped" >&2
  fi
fi

echo "== building (Release)"
dotnet build samples/Component -c Release -nologo -v q
dotnet build $bench/Benchmarks.csproj -c Release -nologo -v q
dotnet build $bench/FloorApp/FloorApp.csproj -c Release -nologo -v q
if [ "${FLAGWORK_BENCH_SKIP_AOT:-0}" = 1 ]; then
  echo "== FLAGWORK_BENCH_SKIP_AOT=1: Native AOT cold start is skipped"
else
  echo "== publishing the component and the floor app with Native AOT"
  if dotnet publish samples/Component -c Release -r linux-x64 -p:PublishAot=true -nologo -v q -o samples/Component/bin/aot; then
    dotnet publish $bench/FloorApp/FloorApp.csproj -c Release -r linux-x64 -p:PublishAot=true -nologo -v q -o $bench/FloorApp/bin/aot \
      || echo "the floor app's Native AOT publish failed; AOT cold start is skipped" >&2
  else
    echo "the component's Native AOT publish failed; AOT cold start is skipped" >&2
  fi
fi
build_seconds=$SECONDS

rm -rf "$out"
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
runner=(dotnet $bench/bin/Release/net10.0/Flagwork.Benchmarks.dll)

echo "== scenarios 1, 2, 5 (BenchmarkDotNet) and the breakdown"
binding_status=0
"${runner[@]}" binding --out "$out" $quick || binding_status=$?
echo "== scenarios 3, 4 (cold start, throughput)"
servers_status=0
"${runner[@]}" servers --out "$out" --runs $runs --seconds $seconds || servers_status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

version() { grep -o "Include=\"$1\" Version=\"[^\"]*\"" Directory.Packages.props | sed 's/.*Version="\(.*\)"/\1/'; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
memory=$(free -h | awk '/^Mem:/ {print $2}')
runtime=$(dotnet --list-runtimes | grep Microsoft.NETCore.App | tail -1 | cut -d' ' -f2)
wrk_version=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true)
total=$SECONDS

{
  echo "# Flagwork benchmarks"
  echo
  echo "Written by \`tests/Benchmarks/run.sh${quick:+ --quick}\` on $started, built from commit $commit" \
    "($dirty files under src/, generators/ and samples/ differed from it in the working tree)."
  echo "Run time: ${total} s in all (${build_seconds} s of it building)."
  if [ -n "$quick" ]; then
    echo
    echo "**A quick run** (few iterations and runs): for trying the script out, not for reading numbers."
  fi
  echo
  if [ -f "$out/targets.tsv" ]; then
    echo "## Targets at a glance"
    echo
    echo "| Scenario | Target | Measured | Verdict |"
    echo "|---|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$out/targets.tsv"
    echo
  fi
  echo "## Machine and versions"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| Cores (nproc) | $(nproc) |"
  echo "| CPU | $cpu |"
  echo "| Memory | $memory |"
  echo "| Kernel | $(uname -sr) |"
  echo "| Load average (1, 5, 15 min) before / after | $load_before / $load_after |"
  echo "| .NET SDK / runtime | $(dotnet --version) / $runtime |"
  echo "| BenchmarkDotNet | $(version BenchmarkDotNet) (in-process toolchain; 1 launch, $([ -n "$quick" ] && echo "1 warm-up, 3" || echo "3 warm-up, 10") iterations) |"
  echo "| System.CommandLine | $(version System.CommandLine) |"
  echo "| ConsoleAppFramework | $(version ConsoleAppFramework) |"
  echo "| CommandLineParser | $(version CommandLineParser) |"
  echo "| Microsoft.Extensions.Configuration.CommandLine / .Binder | $(version Microsoft.Extensions.Configuration.CommandLine) / $(version Microsoft.Extensions.Configuration.Binder) |"
  echo "| Microsoft.Extensions.Options.DataAnnotations | $(version Microsoft.Extensions.Options.DataAnnotations) |"
  echo "| NetEscapades.Configuration.Yaml | $(version NetEscapades.Configuration.Yaml) |"
  echo "| YamlDotNet | $(version YamlDotNet) |"
  echo "| Microsoft.CodeAnalysis.CSharp (generator host) | $(version Microsoft.CodeAnalysis.CSharp) |"
  echo "| prometheus-net.AspNetCore | $(version prometheus-net.AspNetCore) |"
  echo "| wrk | ${wrk_version:-not installed} |"
  echo
  echo "Ratios are measured in one run: each contender against Flagwork (scenarios 1, 2, 5) or against the floor app"
  echo "(scenarios 3, 4). The machine is shared: other work was running (see the load average), so absolute numbers"
  echo "move between runs; the ratios, taken side by side, move less."
  echo
  for part in 1-flags 2-config-file 3-cold-start 4-throughput 5-generator 6-breakdown; do
    if [ -f "$out/$part.md" ]; then
      cat "$out/$part.md"
    else
      echo "## $part"
      echo
      echo "Not produced in this run (see run.sh's output)."
    fi
    echo
  done
  if [ -f $bench/LIMITS.md ]; then
    cat $bench/LIMITS.md
  fi
} > $bench/RESULTS.md

echo "== wrote $bench/RESULTS.md in ${total} s"
if [ "$binding_status" != 0 ] || [ "$servers_status" != 0 ]; then
  echo "a scenario failed: binding exit $binding_status, servers exit $servers_status" >&2
  exit 1
fi
