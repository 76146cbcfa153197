#!/usr/bin/env bash
# Builds everything with the bench profile, then runs the benchmark (see docs/performance.md).
#   bench/run.sh                  timing: 5 rounds of script vs CLI vs engine, medians, ratios, phases, a profile
#   bench/run.sh --rounds 9       more rounds
#   bench/run.sh --no-profile     skip the traced profile upgrade at the end
#   bench/run.sh --with-control-master   also time the script over one OpenSSH ControlMaster connection
#   bench/run.sh --memory         peak memory for a 20 MB and a 1 GB tool directory (fresh JVM per run, 64 MB heap)
#   bench/run.sh --memory --heap 256m --memory-reps 3 --large-mb 1024
#   bench/run.sh --no-build ...   use the jars already built
# Output goes to the terminal and to bench/target/bench-<mode>-<time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
build=yes
args=()
for a in "$@"; do
  if [ "$a" = --no-build ]; then build=no; else args+=("$a"); fi
done
if [ "$build" = yes ]; then
  mvn -B -q -Pbench install -DskipTests
fi
mode=timing
for a in "${args[@]+"${args[@]}"}"; do [ "$a" = --memory ] && mode=memory; done
mkdir -p bench/target
out="bench/target/bench-$mode-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) bench/run.sh ${args[*]+"${args[*]}"}"
  echo "# $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# $(java -version 2>&1 | head -n 1); $(php -r 'echo "PHP ", PHP_VERSION;'); $(composer --version 2>/dev/null | head -n 1); $(ssh -V 2>&1)"
  echo "# engine: git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- core cli 2>/dev/null || echo ' + uncommitted changes in core/ or cli/')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other builds may share the machine)"
} | tee "$out"
java -jar bench/target/magento-dmt-bench.jar --bench-dir bench --cli-jar cli/target/magento-dmt-upgrade.jar \
  "${args[@]+"${args[@]}"}" 2>&1 | tee -a "$out"
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo "Saved to $out"
