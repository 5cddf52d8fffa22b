#!/usr/bin/env bash
# Issue 5, part 2: HTTP throughput with wrk on Payara Micro, on 127.0.0.1 only. One WAR with three endpoints doing
# the same work: /us (a @UserSession bean), /ss (a @SessionScoped bean) and /none (an @ApplicationScoped bean, no
# session). Each endpoint's requests carry the cookies of sessions made beforehand; a fourth run, "nonec", is /none
# with a foreign cookie of the same length, for reference. Warm-up, then alternating rounds; raw wrk outputs go to
# $OUT. Called by run.sh, which builds first; the server is stopped by its PID at the end.
# Rounds are many and short (default 44 x 4 x 2 s, after 2 x 15 s of warm-up per run: about 9 minutes with the start
# and the sessions) so that the runs of a round are seconds apart: summarize.py compares the endpoints within each
# round as well as by their medians. Throughput here swings by 20% within seconds even when nothing else runs on the
# machine; of the settings tried, 2 s runs narrowed the interval of the per-round /us / /none ratio to about a quarter
# of 6 s runs'. Keep HTTP_ROUNDS a multiple of 4, so that each run is first, second, third and last equally often.
# Every round is kept and counted.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/results/http}
PORT=${HTTP_PORT:-28080}
ROUNDS=${HTTP_ROUNDS:-44}
SECONDS_PER_RUN=${HTTP_SECONDS:-2}
WARMUP_SECONDS=${HTTP_WARMUP_SECONDS:-15}
CONNECTIONS=${HTTP_CONNECTIONS:-16}
SESSIONS=${HTTP_SESSIONS:-256}
BASE=http://127.0.0.1:$PORT/bench
APP=$HERE/http-app/target
mkdir -p "$OUT"
rm -rf "$OUT"/*

if ss -ltn | grep -q "127.0.0.1:$PORT \|:$PORT "; then
  echo "port $PORT is taken; set HTTP_PORT" >&2
  exit 1
fi

SERVER=
start_server() { # attempt
  rm -rf "$APP/payara-root"
  java -Xms1g -Xmx1g -XX:+UseG1GC -jar "$APP/payara-micro.jar" \
    --deploy "$APP/bench.war" --contextroot bench \
    --port "$PORT" --nohazelcast --interfaces 127.0.0.1 --disablephonehome \
    --prebootcommandfile "$HERE/payara/preboot.asadmin" \
    --rootdir "$APP/payara-root" > "$OUT/payara-$1.log" 2>&1 &
  SERVER=$!
  echo "$SERVER" > "$OUT/payara.pid"
}
stop_server() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER" 2>/dev/null || true
  fi
}
trap stop_server EXIT

# Up means: deployed (Payara says it is ready) and three answers from the app in a row, within 180 s.
wait_up() { # attempt
  local good=0
  for _ in $(seq 1 180); do
    kill -0 "$SERVER" 2>/dev/null || return 1
    if grep -q 'Payara Micro .* ready' "$OUT/payara-$1.log" && curl -sf -o /dev/null -m 5 "$BASE/none"; then
      good=$((good + 1))
      [ "$good" -ge 3 ] && return 0
    else
      good=0
      sleep 1
    fi
  done
  return 1
}
up=false
for attempt in 1 2; do
  start_server "$attempt"
  if wait_up "$attempt"; then up=true; break; fi
  echo "Payara Micro (attempt $attempt) did not come up; thread dump in $OUT/payara-threads-$attempt.txt" >&2
  jcmd "$SERVER" Thread.print > "$OUT/payara-threads-$attempt.txt" 2>&1 || true
  stop_server
done
$up || { echo "the app did not come up" >&2; exit 1; }
echo "server up, pid $SERVER; listening: $(ss -ltnp | grep "pid=$SERVER," | awk '{print $4}' | tr '\n' ' ')"

# Sessions made beforehand: each first request answers with the session cookie(s); keep name=value pairs. A request
# that brings no cookie back is logged and tried again.
make_sessions() { # endpoint file
  : > "$2"
  for i in $(seq 1 "$SESSIONS"); do
    for try in 1 2 3 4 5; do
      headers=$(curl -s -m 10 -D - -o /dev/null -w 'status %{http_code} time %{time_total}s' "$BASE/$1" | tr -d '\r' || true)
      cookie=$(echo "$headers" | awk -F': ' 'tolower($1)=="set-cookie" {split($2,a,";"); printf "%s; ", a[1]}' | sed 's/; $//')
      if [ -n "$cookie" ]; then
        echo "$cookie" >> "$2"
        break
      fi
      echo "/$1 session $i try $try: no cookie ($(echo "$headers" | tail -1))" | tee -a "$OUT/sessions.log" >&2
      sleep 1
    done
  done
}
make_sessions us "$OUT/cookies-us.txt"
make_sessions ss "$OUT/cookies-ss.txt"
: > "$OUT/cookies-none.txt"
# "nonec", a reference: /none again, but each request carries a cookie of the same length as ours under another name,
# which the library reads past. It tells the cost of a request's carrying a cookie at all (the server reads the header,
# the filter parses it) from the cost of the session itself.
for i in $(seq 1 "$SESSIONS"); do
  echo "OTHERCOOKIE=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')"
done > "$OUT/cookies-nonec.txt"
echo "sample cookies: us [$(head -1 "$OUT/cookies-us.txt" | cut -c1-24)...] ss [$(head -1 "$OUT/cookies-ss.txt" | cut -c1-24)...]"
for endpoint in us ss; do
  test "$(grep -c . "$OUT/cookies-$endpoint.txt")" -eq "$SESSIONS" || { echo "no cookie from /$endpoint" >&2; exit 1; }
  # With its cookie, a request is served by its existing session and sets no new cookie.
  if curl -s -m 5 -D - -o /dev/null -H "Cookie: $(head -1 "$OUT/cookies-$endpoint.txt")" "$BASE/$endpoint" | grep -qi '^set-cookie'; then
    echo "/$endpoint set a new cookie for a request that had one" >&2; exit 1
  fi
done

# CPU time the server process has used, in clock ticks (user + system, /proc/PID/stat fields 14 and 15).
server_ticks() {
  awk '{print $14 + $15}' "/proc/$SERVER/stat"
}

# Busy jiffies of the whole machine (all CPUs: user, nice, system, irq, softirq, steal) and the steal alone.
machine_ticks() {
  awk '$1=="cpu" {print $2 + $3 + $4 + $7 + $8 + $9, $9}' /proc/stat
}
# CPU time of this shell's finished children (wrk and the small tools around it), in ticks, from bash's `times`,
# which must run in this shell itself (a subshell counts only its own children): `times > FILE; children_ticks FILE`.
children_ticks() { # file
  tail -1 "$1" | awk -v hz="$(getconf CLK_TCK)" '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
    printf "%d\n", t * hz + 0.5
  }'
}

# CPU seconds of this shell's finished children, from a `times` output (user + system, millisecond resolution).
children_seconds() { # file
  tail -1 "$1" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
    printf "%.3f\n", t }'
}

# One wrk run. Besides wrk's output, the file gets the server's CPU time per request: what each request costs the
# server, a second view of the round (other load on the machine inflates it too, as it lowers req/s); wrk's own CPU
# time per request (wrk shares the two cores with the server, so what it spends is taken from the server's req/s);
# when the run started; and how busy the machine was with other work meanwhile (busy CPU time less the server's and
# wrk's), to show which runs were disturbed. Nothing is dropped for it.
run_wrk() { # endpoint seconds outfile
  local before after mbefore mafter cbefore cafter started ended cookies
  cookies=$([ "$1" = none ] && echo "" || echo "$OUT/cookies-$1.txt")
  started=$(date +%s.%N)
  mbefore=$(machine_ticks)
  before=$(server_ticks)
  # Only wrk (and timeout, which waits for it) runs between the two `times`, so their difference is wrk's CPU time.
  times > "$OUT/times-before.txt"
  COOKIES=$cookies \
    timeout $(( $2 + 30 )) wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s --latency -s "$HERE/scripts/cookies.lua" \
    "$BASE/${1%c}" > "$3" 2>&1  # nonec requests /none
  times > "$OUT/times.txt"
  after=$(server_ticks)
  cbefore=$(children_ticks "$OUT/times-before.txt")
  cafter=$(children_ticks "$OUT/times.txt")
  mafter=$(machine_ticks)
  ended=$(date +%s.%N)
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '/requests in/ {
    printf "Server CPU per request: %.2f us (%d ticks of 1/%d s, %d requests)\n", ticks / hz * 1e6 / $1, ticks, hz, $1
  }' "$3" >> "$3"
  awk -v s0="$(children_seconds "$OUT/times-before.txt")" -v s1="$(children_seconds "$OUT/times.txt")" \
    '/requests in/ { printf "wrk CPU per request: %.2f us (%.3f s of user + system time, %d requests)\n",
      (s1 - s0) * 1e6 / $1, s1 - s0, $1 }' "$3" >> "$3"
  echo "Started at: $started (epoch seconds)" >> "$3"
  awk -v m0="$mbefore" -v m1="$mafter" -v server=$((after - before)) -v client=$((cafter - cbefore)) \
    -v secs="$(awk -v a="$started" -v b="$ended" 'BEGIN {print b - a}')" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(m0, a, " "); split(m1, b, " ")
    busy = b[1] - a[1]; steal = b[2] - a[2]; others = busy - server - client
    printf "Machine during the run: %.2f cores busy (server %.2f, wrk %.2f, others %.2f, steal %.2f)\n",
      busy / hz / secs, server / hz / secs, client / hz / secs, (others < 0 ? 0 : others) / hz / secs, steal / hz / secs
  }' >> "$3"
}

echo "warm-up: ${WARMUP_SECONDS}s per endpoint, twice"
for pass in 1 2; do
  for endpoint in us ss none nonec; do
    run_wrk "$endpoint" "$WARMUP_SECONDS" "$OUT/warmup-$pass-$endpoint.txt"
  done
done

orders=("us ss none nonec" "ss none nonec us" "none nonec us ss" "nonec us ss none")
for round in $(seq 1 "$ROUNDS"); do
  order=${orders[$(( (round - 1) % 4 ))]}
  for endpoint in $order; do
    run_wrk "$endpoint" "$SECONDS_PER_RUN" "$OUT/round-$round-$endpoint.txt"
    printf 'round %s %-4s %s req/s, p99 %s, server CPU %s us/request, other load %s cores\n' "$round" "$endpoint" \
      "$(awk '/Requests\/sec/ {print $2}' "$OUT/round-$round-$endpoint.txt")" \
      "$(awk '$1=="99%" {print $2}' "$OUT/round-$round-$endpoint.txt")" \
      "$(awk '/Server CPU per request/ {print $5}' "$OUT/round-$round-$endpoint.txt")" \
      "$(sed -n 's/.*others \([0-9.]*\),.*/\1/p' "$OUT/round-$round-$endpoint.txt")"
  done
done

# Issue 13: where a request's time and bytes go. After the rounds, each endpoint of HTTP_PROFILE gets two more runs of
# HTTP_PROFILE_SECONDS under async-profiler (from the cluster-client build; none when it is missing), attached with
# jcmd: CPU time of every thread (itimer, 1 ms) and then allocations (bytes, TLAB-sampled). Collapsed stacks go to
# profile-ENDPOINT-cpu.collapsed and -alloc.collapsed, the runs' wrk outputs beside them; run.sh summarizes them.
PROFILER=$HERE/cluster-client/target/async-profiler/linux-x64/libasyncProfiler.so
unzip -o -q "$HERE/cluster-client/target/async-profiler.jar" linux-x64/libasyncProfiler.so \
  -d "$HERE/cluster-client/target/async-profiler" 2>/dev/null || PROFILER=
for endpoint in ${HTTP_PROFILE-us nonec none}; do
  [ -n "$PROFILER" ] || { echo "no async-profiler: no profiles" >&2; break; }
  for kind in cpu alloc; do
    events=$([ "$kind" = cpu ] && echo "event=itimer,interval=1000000,threads" || echo "event=alloc")
    # jcmd reads key=value arguments as its own options unless they are quoted.
    jcmd "$SERVER" JVMTI.agent_load "$PROFILER" "\"start,$events\"" > /dev/null
    run_wrk "$endpoint" "${HTTP_PROFILE_SECONDS:-20}" "$OUT/profile-$endpoint-$kind.txt"
    jcmd "$SERVER" JVMTI.agent_load "$PROFILER" "\"stop,collapsed,file=$OUT/profile-$endpoint-$kind.collapsed\"" \
      > /dev/null
    printf 'profiled %-5s %-5s %s req/s, server CPU %s us/request\n' "$endpoint" "$kind" \
      "$(awk '/Requests\/sec/ {print $2}' "$OUT/profile-$endpoint-$kind.txt")" \
      "$(awk '/Server CPU per request/ {print $5}' "$OUT/profile-$endpoint-$kind.txt")"
  done
done

rm -f "$OUT/times.txt" "$OUT/times-before.txt"

# The sessions were reused, not made anew: a session's counter now counts many requests.
for endpoint in us ss; do
  echo "/$endpoint after the rounds, first session: $(curl -s -m 5 -H "Cookie: $(head -1 "$OUT/cookies-$endpoint.txt")" "$BASE/$endpoint")"
done
ps -o rss=,etimes= -p "$SERVER" | awk '{printf "payara rss %.0f MB\n", $1/1024}'
