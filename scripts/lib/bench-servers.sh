# Servers for scripts/benchmarks and scripts/profile, each logging into $OUT, each pid kept in
# SERVERS for the caller's exit trap to stop.
# shellcheck shell=bash

SERVERS=()

port_free() { # a server left from another run would answer in place of the new one
  ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null || die "port $1 is in use; stop what holds it"
}

start_ours() { # port, then extra environment, e.g. EVENT_LOOPS=1; sets PID
  local port=$1; shift
  port_free $port
  env DATA_DIR="$(mktemp -d)" PORT=$port "$@" java ${BENCH_JAVA_OPTS:-} ${HEAP_OPTS:-} \
    -jar "$SERVER_JAR" \
    >> "$OUT/server-$port.log" 2>&1 &
  PID=$!
  SERVERS+=($PID)
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    kill -0 $PID 2>/dev/null || die "the server did not start; see $OUT/server-$port.log"
    curl -sf --max-time 1 "http://127.0.0.1:$port/readyz" > /dev/null && return
    sleep 0.2
  done
  die "the server on port $port was not ready in 60 s"
}

start_bare() { # port; sets PID
  port_free $1
  java ${BENCH_JAVA_OPTS:-} -cp "$SERVER_JAR" com.tutorme.video.server.loadtest.BareRelay $1 \
    > "$OUT/bare.log" 2>&1 &
  PID=$!
  SERVERS+=($PID)
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    kill -0 $PID 2>/dev/null || die "the bare relay did not start; see $OUT/bare.log"
    grep -q listening "$OUT/bare.log" && return
    sleep 0.2
  done
  die "the bare relay was not ready in 60 s"
}

# The generator as a command, so that one started in the background is its own process ($!).
LOADTEST=(java ${LOADTEST_JAVA_OPTS:--Xmx1g} -cp "$SERVER_JAR"
  com.tutorme.video.server.loadtest.LoadTest)

loadtest() { # port, pid, then the scenario and its flags
  local port=$1 pid=$2; shift 2
  "${LOADTEST[@]}" "$@" --server "http://127.0.0.1:$port" --server-pid $pid
}
