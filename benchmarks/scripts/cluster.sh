#!/usr/bin/env bash
# Issue 10: the Hazelcast store on two Payara Micro nodes against the memory store and against Payara's own
# <distributable/> persistence of the same bean as @SessionScoped. Called by run.sh (part "cluster"), which builds
# first and exports LIBRARY_JAR; raw outputs go to $OUT (default results/cluster). Every process it starts is stopped
# by its PID.
#
# Two Payara Micro nodes on 127.0.0.1 (HTTP 28081 and 28082, Hazelcast 28700 and 28701, a cluster name of their own,
# --nohostaware so that each keeps the other's backups), each with four deployments of one WAR (cluster-app/) that
# differ only in their web.xml (cluster-app/web-xml/):
#   /mem   @UserSession, usersession.store=memory
#   /hz    @UserSession, usersession.store=hazelcast
#   /ss    the same bean as @SessionScoped, web.xml <distributable/>: Payara's own persistence in its Hazelcast
#   /grid  @UserSession, usersession.store=hazelcast, for the grid-memory test only
# The load client (cluster-client/) simulates users that keep their cookies as a browser does (USERSESSION,
# JSESSIONID, JSESSIONIDVERSION) and either stay on the node that made their session ("stick") or send each request to
# the other node than their last ("alt"), over keep-alive connections, CLUSTER_CLIENTS requests in flight.
#
# Parts (CLUSTER_PARTS, default "throughput grid kill"):
#   throughput  1000 users per group (mem-stick, hz-stick, ss-stick, hz-alt, ss-alt, and bare-alt: a bare
#               Hazelcast map with no library), a write then reads or writes: 2 x CLUSTER_WARMUP_SECONDS of warm-up
#               per run, then CLUSTER_ROUNDS rounds of the 12 runs (6 groups x read, write) of CLUSTER_SECONDS each,
#               the order rotating by one each round; before each round the client waits (up to 60 s) for the rest of
#               the machine to use less than 0.25 cores. After the rounds, one more run of CLUSTER_PROFILE_SECONDS
#               (20) of each run in CLUSTER_PROFILE (default: mem-stick-read, hz-stick-read, hz-stick-write,
#               hz-alt-read, hz-alt-write, ss-alt-read, ss-alt-write, bare-alt-write; empty: none) with a CPU
#               profile of both nodes (async-profiler, itimer, 1 ms; JFR if it is missing); run.sh turns them into
#               profile-RUN.md (profile_top.py).
#   grid        CLUSTER_GRID_SESSIONS (10,000) idle sessions in /grid; the map's memory on each member.
#   kill        CLUSTER_KILL_RUNS (3) times: CLUSTER_KILL_SESSIONS (1000) sessions made on alternate nodes and then
#               changed on the node to be killed (so the survivor can serve them only from the grid), kill -9 of that
#               node (node 1, then 0, then 1), and the time until the survivor has served every session with its full
#               state; the same pass over as many other sessions before the kill, for reference. The node is started
#               again before the next run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/results/cluster}
: "${LIBRARY_JAR:?set by run.sh}"
JAVA=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
HTTP_PORT=${CLUSTER_HTTP_PORT:-28081}
HZ_PORT=${CLUSTER_HZ_PORT:-28700}
PARTS=${CLUSTER_PARTS:-throughput grid kill}
CLUSTER=usersession-bench-$$-$(date +%s)
APP=$HERE/cluster-app
WARS=$HERE/cluster-app/target/wars
MICRO=$HERE/http-app/target/payara-micro.jar
CLIENT=("$JAVA" -Xms256m -Xmx256m -cp "$HERE/cluster-client/target/usersession-benchmarks-cluster-client-0.1.0-SNAPSHOT.jar"
  io.github.usersession.bench.client.ClusterBench)
PROFILED=mem-stick-read,hz-stick-read,hz-stick-write,hz-alt-read,hz-alt-write,ss-alt-read,ss-alt-write,bare-alt-write
# async-profiler's library for the profiles (the cluster-client build copies its jar); JFR when it cannot be had.
PROFILER=
if unzip -o -q "$HERE/cluster-client/target/async-profiler.jar" linux-x64/libasyncProfiler.so \
    -d "$HERE/cluster-client/target/async-profiler" 2>/dev/null; then
  PROFILER=$HERE/cluster-client/target/async-profiler/linux-x64/libasyncProfiler.so
fi
NODES=127.0.0.1:$HTTP_PORT,127.0.0.1:$((HTTP_PORT + 1))
mkdir -p "$OUT"
rm -rf "${OUT:?}/throughput" "$OUT"/grid.txt "$OUT"/kill-*.txt "$OUT"/node*.log "$OUT/ports.txt"

for port in "$HTTP_PORT" $((HTTP_PORT + 1)) "$HZ_PORT" $((HZ_PORT + 1)); do
  if ss -ltn | grep -q ":$port "; then
    echo "port $port is taken; set CLUSTER_HTTP_PORT or CLUSTER_HZ_PORT" >&2
    exit 1
  fi
done

# The four deployments: the WAR with the library and one web.xml each.
rm -rf "$WARS" && mkdir -p "$WARS"
for variant in mem hz ss grid; do
  mkdir -p "$WARS/$variant/WEB-INF/lib"
  cp "$APP/web-xml/$variant.xml" "$WARS/$variant/WEB-INF/web.xml"
  cp "$LIBRARY_JAR" "$WARS/$variant/WEB-INF/lib/usersession-cdi-0.1.0-SNAPSHOT.jar"
  cp "$APP/target/cluster.war" "$WARS/$variant.war"
  (cd "$WARS/$variant" && "${JAVA%/java}/jar" uf "$WARS/$variant.war" WEB-INF)
done

PIDS=("" "")
start_node() { # node label
  local n=$1
  rm -rf "$WARS/root-$n"
  "$JAVA" -Xms1g -Xmx1g -XX:+UseG1GC -Dhazelcast.socket.bind.any=false -jar "$MICRO" \
    --deploy "$WARS/mem.war" --deploy "$WARS/hz.war" --deploy "$WARS/ss.war" --deploy "$WARS/grid.war" \
    --port $((HTTP_PORT + n)) --interfaces 127.0.0.1 --clustername "$CLUSTER" --nohostaware \
    --clustermode "tcpip:127.0.0.1:$HZ_PORT,127.0.0.1:$((HZ_PORT + 1))" --startport $((HZ_PORT + n)) \
    --prebootcommandfile "$HERE/payara/preboot.asadmin" --disablephonehome --name "node$n" \
    --rootdir "$WARS/root-$n" > "$OUT/node$n-$2.log" 2>&1 &
  PIDS[$n]=$!
  echo "node $n ($2): pid ${PIDS[$n]}"
}
stop_node() { # node
  local pid=${PIDS[$1]}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
trap 'stop_node 0; stop_node 1' EXIT

# Up: Payara says it is ready and the four deployments answer, within 300 s.
wait_up() { # node label
  local n=$1
  for _ in $(seq 1 300); do
    kill -0 "${PIDS[$n]}" 2>/dev/null || { echo "node $n ($2) died; see $OUT/node$n-$2.log" >&2; return 1; }
    if grep -q 'Payara Micro .* ready' "$OUT/node$n-$2.log"; then
      local ok=true
      for path in mem/us/read hz/grid-stats ss/ss/read grid/grid-stats; do
        curl -sf -o /dev/null -m 10 "http://127.0.0.1:$((HTTP_PORT + n))/$path" || ok=false
      done
      $ok && return 0
    fi
    sleep 1
  done
  echo "node $n ($2) did not come up in 300 s" >&2
  return 1
}

start_node 0 start
wait_up 0 start
start_node 1 start
wait_up 1 start
"${CLIENT[@]}" wait nodes="$NODES" app=/hz seconds=300
echo "listening: $(ss -ltnp | grep -E "pid=(${PIDS[0]}|${PIDS[1]})," | awk '{print $4}' | sort | tr '\n' ' ')" \
  | tee "$OUT/ports.txt"
CLK_TCK=$(getconf CLK_TCK)

for part in $PARTS; do
  case $part in
    throughput)
      "${CLIENT[@]}" throughput nodes="$NODES" pids="${PIDS[0]},${PIDS[1]}" out="$OUT/throughput" hz="$CLK_TCK" \
        users="${CLUSTER_USERS:-1000}" clients="${CLUSTER_CLIENTS:-16}" rounds="${CLUSTER_ROUNDS:-40}" \
        seconds="${CLUSTER_SECONDS:-2}" warmup="${CLUSTER_WARMUP_SECONDS:-10}" profile="${CLUSTER_PROFILE-$PROFILED}" profiler="$PROFILER" profileSeconds="${CLUSTER_PROFILE_SECONDS:-20}"
      for n in 0 1; do
        ps -o rss= -p "${PIDS[$n]}" | awk -v n=$n '{printf "node %d rss %.0f MB\n", n, $1/1024}'
      done | tee -a "$OUT/throughput/setup.txt"
      ;;
    grid)
      "${CLIENT[@]}" grid nodes="$NODES" out="$OUT" sessions="${CLUSTER_GRID_SESSIONS:-10000}" \
        clients="${CLUSTER_CLIENTS:-16}"
      ;;
    kill)
      for run in $(seq 1 "${CLUSTER_KILL_RUNS:-3}"); do
        victim=$(( run % 2 ))
        "${CLIENT[@]}" kill nodes="$NODES" pids="${PIDS[0]},${PIDS[1]}" out="$OUT" run="$run" victim="$victim" \
          sessions="${CLUSTER_KILL_SESSIONS:-1000}" clients="${CLUSTER_CLIENTS:-16}"
        wait "${PIDS[$victim]}" 2>/dev/null || true
        start_node "$victim" "restart-$run"
        wait_up "$victim" "restart-$run"
        "${CLIENT[@]}" wait nodes="$NODES" app=/hz seconds=300
      done
      ;;
    *)
      echo "unknown cluster part: $part (throughput, grid, kill)" >&2
      exit 2
      ;;
  esac
done
