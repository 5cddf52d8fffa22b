#!/usr/bin/env bash
# Runs the benchmarks of issues 5, 10, 11 and 12 and writes their raw outputs and a summary under benchmarks/results/.
#   benchmarks/run.sh                 everything: build, jmh, memory, reaper, http, rejection (about 25 minutes)
#   benchmarks/run.sh jmh reaper      only some parts (the build always runs); provider: issue 11's ProviderBenchmark,
#                                     about 9 minutes, not part of "everything"
#   benchmarks/run.sh cluster         issue 10's scale-out part only (about 35 minutes here; not part of "everything"):
#                                     two Payara Micro nodes, see scripts/cluster.sh; outputs in results/cluster/
# Environment: LOAD_MAX (default 1.5): before each part, wait up to LOAD_WAIT seconds (default 300) for the
# 1-minute load average to drop below it; the load seen is recorded. JMH_ARGS adds JMH options.
# The library measured is built from a clean export of the commit LIBRARY_REV (default HEAD), never from the work
# tree, which others may be editing; LIBRARY_JAR=path measures that jar instead (a candidate change), in every part.
# RESULTS_DIR (default benchmarks/results) is where the outputs go.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RESULTS=${RESULTS_DIR:-$HERE/results}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA=$JAVA_HOME/bin/java
PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(jmh memory reaper http rejection)
LOAD_MAX=${LOAD_MAX:-1.5}
LOAD_WAIT=${LOAD_WAIT:-300}
mkdir -p "$RESULTS"
# The cluster part keeps its machine description, load and summary under results/cluster/, so that running it alone
# leaves the other parts' records as they are.
ONLY_CLUSTER=true
for part in "${PARTS[@]}"; do [ "$part" = cluster ] || ONLY_CLUSTER=false; done
MACHINE=$RESULTS/machine.txt
LOAD_LOG=$RESULTS/load.txt
if $ONLY_CLUSTER; then
  rm -rf "$RESULTS/cluster" && mkdir -p "$RESULTS/cluster"
  MACHINE=$RESULTS/cluster/machine.txt
  LOAD_LOG=$RESULTS/cluster/load.txt
fi

wait_quiet() { # part
  local waited=0
  while awk -v max="$LOAD_MAX" '{exit !($1 >= max)}' /proc/loadavg && [ "$waited" -lt "$LOAD_WAIT" ]; do
    sleep 10; waited=$((waited + 10))
  done
  echo "$(date -u +%FT%TZ) $1: load average $(cut -d' ' -f1-3 /proc/loadavg) after waiting ${waited}s" \
    | tee -a "$LOAD_LOG"
}

if [[ " ${PARTS[*]} " == *" http "* ]] && ! command -v wrk > /dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "cores: $(nproc)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "kernel: $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "wrk: $(command -v wrk > /dev/null && wrk -v 2>&1 | head -1 || echo none)"
  echo "library commit: $(git -C "$ROOT" rev-parse --short "${LIBRARY_REV:-HEAD}")"
} > "$MACHINE"
cat "$MACHINE"

echo "== build: the library at ${LIBRARY_REV:-HEAD} (clean export, installed), then the benchmarks"
LIBRARY_SRC=$HERE/target/library
rm -rf "$LIBRARY_SRC" && mkdir -p "$LIBRARY_SRC"
git -C "$ROOT" archive "${LIBRARY_REV:-HEAD}" pom.xml src/main | tar -x -C "$LIBRARY_SRC"
(cd "$LIBRARY_SRC" && mvn -B -q -Dmaven.test.skip=true -DskipITs install)
BUILT_JAR=$LIBRARY_SRC/target/usersession-cdi-0.1.0-SNAPSHOT.jar
(cd "$HERE" && mvn -B -q package)
LIBRARY_JAR=${LIBRARY_JAR:-$BUILT_JAR}
echo "library jar: $LIBRARY_JAR ($(sha256sum "$LIBRARY_JAR" | cut -c1-16))" | tee -a "$MACHINE"
# The classpath and the WAR take the library from the local Maven repository, which other builds on this machine
# may overwrite: use the jar above in both, whatever is there now.
CP=$HERE/micro/target/classes:$LIBRARY_JAR:$(tr ':' '\n' < "$HERE/micro/target/classpath.txt" \
  | grep -v '/usersession-cdi-' | paste -sd:)
WAR_LIB=$HERE/http-app/target/war-lib
rm -rf "$WAR_LIB" && mkdir -p "$WAR_LIB/WEB-INF/lib"
cp "$LIBRARY_JAR" "$WAR_LIB/WEB-INF/lib/usersession-cdi-0.1.0-SNAPSHOT.jar"
(cd "$WAR_LIB" && "$JAVA_HOME/bin/jar" uf "$HERE/http-app/target/bench.war" WEB-INF/lib/usersession-cdi-0.1.0-SNAPSHOT.jar)

for part in "${PARTS[@]}"; do
  case $part in
    jmh)
      wait_quiet jmh
      # Forks, warm-up and measurement are set on the class: 3 forks x (4 + 5) iterations of 1 s each.
      "$JAVA" -cp "$CP" org.openjdk.jmh.Main ScopeBenchmark -prof gc -rf json -rff "$RESULTS/jmh.json" \
        ${JMH_ARGS:-} > "$RESULTS/jmh.txt" 2>&1
      grep -E '^(Benchmark|ScopeBenchmark)' "$RESULTS/jmh.txt" | grep -v 'gc\.\(count\|time\|alloc.rate \)'
      ;;
    provider)
      wait_quiet provider
      # Issue 11: the UserSession ThreadContextProvider's cost per task submission; 3 forks x (4 + 5) iterations.
      "$JAVA" -cp "$CP" org.openjdk.jmh.Main ProviderBenchmark -rf json -rff "$RESULTS/provider.json" \
        ${JMH_ARGS:-} > "$RESULTS/provider.txt" 2>&1
      grep -E '^(Benchmark|ProviderBenchmark)' "$RESULTS/provider.txt"
      ;;
    memory)
      wait_quiet memory
      "$JAVA" -Xms4g -Xmx4g -XX:+UseG1GC -cp "$CP" io.github.usersession.internal.MemoryBenchmark 1000000 \
        2> "$RESULTS/memory.log" | tee "$RESULTS/memory.txt"
      ;;
    reaper)
      rm -f "$RESULTS"/reaper-*.txt "$RESULTS"/reaper-gc-*.log
      for run in 1 2 3; do
        wait_quiet "reaper $run"
        "$JAVA" -Xms4g -Xmx4g -XX:+UseG1GC -Xlog:gc:file="$RESULTS/reaper-gc-$run.log" -cp "$CP" \
          io.github.usersession.internal.ReaperBenchmark 1000000 100000 2> "$RESULTS/reaper-$run.log" \
          | tee "$RESULTS/reaper-$run.txt"
      done
      ;;
    http)
      wait_quiet http
      OUT=$RESULTS/http "$HERE/scripts/http.sh"
      # Issue 13's profiles: CPU as us per request (that run's own server CPU per request), allocations as shares.
      for recording in "$RESULTS"/http/profile-*.collapsed; do
        [ -e "$recording" ] || continue
        run=${recording%.collapsed}
        scale=()
        if [[ $run == *-cpu ]]; then
          scale=(--cpu-us "$(awk '/Server CPU per request/ {print $5}' "$run.txt")")
        fi
        python3 "$HERE/scripts/profile_top.py" "${scale[@]}" "$recording" > "$run.md"
        xz -9 -f "$recording"
      done
      ;;
    rejection)
      wait_quiet rejection
      # Issue 12: a request's lookup with a live, an unknown (10,000 distinct) and no ID; 3 forks x (4 + 5) x 1 s.
      "$JAVA" -cp "$CP" org.openjdk.jmh.Main RejectionBenchmark -rf json -rff "$RESULTS/rejection.json" \
        ${JMH_ARGS:-} > "$RESULTS/rejection.txt" 2>&1
      grep -E '^(Benchmark|RejectionBenchmark)' "$RESULTS/rejection.txt"
      ;;
    cluster)
      if ! $ONLY_CLUSTER; then
        rm -rf "$RESULTS/cluster" && mkdir -p "$RESULTS/cluster"
        cp "$MACHINE" "$RESULTS/cluster/machine.txt"
      fi
      wait_quiet cluster
      $ONLY_CLUSTER || tail -1 "$LOAD_LOG" > "$RESULTS/cluster/load.txt"
      OUT=$RESULTS/cluster LIBRARY_JAR=$LIBRARY_JAR "$HERE/scripts/cluster.sh"
      # Each profile's summary, with the run's server CPU per request; the raw stacks are kept compressed.
      for recording in "$RESULTS"/cluster/throughput/profile-*-node0.*; do
        [ -e "$recording" ] || continue
        run=${recording%-node0.*}
        python3 "$HERE/scripts/profile_top.py" --cpu-us "$(sed -n 's/^cpu_us_per_request=//p' "$run.txt")" \
          "$recording" "${recording/-node0./-node1.}" > "$run.md"
      done
      xz -9 -f "$RESULTS"/cluster/throughput/profile-*.collapsed 2>/dev/null || true
      python3 "$HERE/scripts/summarize_cluster.py" "$RESULTS/cluster" | tee "$RESULTS/cluster/summary.md"
      ;;
    *)
      echo "unknown part: $part (jmh, provider, memory, reaper, http, rejection, cluster)" >&2
      exit 2
      ;;
  esac
done

$ONLY_CLUSTER || python3 "$HERE/scripts/summarize.py" "$RESULTS" | tee "$RESULTS/summary.md"
