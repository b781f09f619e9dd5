#!/usr/bin/env bash
# Two Handup nodes on one external redis-server, the load generator against both, then everything
# stopped again. Run from anywhere after `mvn -B -q package -DskipTests` at the repository root.
#
#   ops/loadtest/run-two-nodes.sh [generator options...]
#
# Environment (defaults in brackets): AGENTS [2000], SPECIALISTS [50], RATE [20], DURATION [60s],
# REDIS_PORT [6390], PORTS ["8080 8081"], API_KEY [loadtest-key], NODE_HEAP [6g: see docs/benchmarks.md on the per-socket buffer], WORK [a temp
# folder: Redis data and the logs], JAVA_OPTS [extra options for the nodes],
# GENERATOR_JAVA_OPTS [extra options for the generator].
# Anything after the script's name goes to the generator (e.g. --drain 30s --seed 7).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SERVER_JAR="$ROOT/support-server/target/support-server-0.1.0.jar"
LOADTEST_JAR="$ROOT/ops/loadtest/target/loadtest.jar"
AGENTS="${AGENTS:-2000}"
SPECIALISTS="${SPECIALISTS:-50}"
RATE="${RATE:-20}"
DURATION="${DURATION:-60s}"
REDIS_PORT="${REDIS_PORT:-6390}"
PORTS=(${PORTS:-8080 8081})
API_KEY="${API_KEY:-loadtest-key}"
NODE_HEAP="${NODE_HEAP:-6g}"
WORK="${WORK:-$(mktemp -d /tmp/handup-loadtest.XXXXXX)}"
mkdir -p "$WORK/redis"

for jar in "$SERVER_JAR" "$LOADTEST_JAR"; do
  [[ -f "$jar" ]] || { echo "missing $jar: run mvn -B -q package -DskipTests first" >&2; exit 2; }
done
for port in "$REDIS_PORT" "${PORTS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use on 127.0.0.1; set REDIS_PORT / PORTS" >&2; exit 2
  fi
done

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

# redis-server: Debian's if installed, else the one the server ships (embedded-redis, inside the
# server's own jar, so it is the very binary the embedded default runs)
REDIS_BIN="$(command -v redis-server || true)"
if [[ -z "$REDIS_BIN" ]]; then
  case "$(uname -m)" in
    x86_64) ARCH=amd64 ;; aarch64|arm64) ARCH=arm64 ;; i?86) ARCH=386 ;; *) ARCH="$(uname -m)" ;;
  esac
  REDIS_BIN="$WORK/redis-server"
  python3 - "$SERVER_JAR" "linux-$ARCH" "$REDIS_BIN" <<'PY'
import io, sys, zipfile
server, suffix, target = sys.argv[1:]
with zipfile.ZipFile(server) as boot:
    lib = next(n for n in boot.namelist() if n.startswith("BOOT-INF/lib/embedded-redis-"))
    with zipfile.ZipFile(io.BytesIO(boot.read(lib))) as er:
        binary = next(n for n in er.namelist() if n.startswith("redis-server-") and n.endswith(suffix))
        open(target, "wb").write(er.read(binary))
PY
  chmod +x "$REDIS_BIN"
fi
echo "redis-server: $REDIS_BIN on 127.0.0.1:$REDIS_PORT (data in $WORK/redis)"
"$REDIS_BIN" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --appendonly yes \
  --appendfsync everysec --save "" --daemonize no --logfile "$WORK/redis/redis.log" &
PIDS+=($!)
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
  sleep 0.1
done

NODES=""
for port in "${PORTS[@]}"; do
  # shellcheck disable=SC2086
  java -Xmx"$NODE_HEAP" ${JAVA_OPTS:-} -jar "$SERVER_JAR" \
    --server.port="$port" \
    --handup.redis.url="redis://127.0.0.1:$REDIS_PORT" \
    --handup.demo.enabled=true \
    --handup.demo.agents="$AGENTS" \
    --handup.demo.specialists="$SPECIALISTS" \
    --handup.integration.api-keys="$API_KEY" \
    --handup.rotation.max-claims=0 --handup.rotation.max-on-floor=0 \
    > "$WORK/node-$port.log" 2>&1 &
  PIDS+=($!)
  echo "node on :$port, pid $! (log $WORK/node-$port.log)"
  NODES="${NODES:+$NODES,}http://127.0.0.1:$port"
done
for port in "${PORTS[@]}"; do
  for i in $(seq 120); do
    curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"' && break
    [[ $i == 120 ]] && { echo "node :$port did not come up; see $WORK/node-$port.log" >&2; exit 1; }
    sleep 1
  done
done
echo "nodes up: $NODES   load: $(cut -d' ' -f1-3 /proc/loadavg)"

set +e
# shellcheck disable=SC2086
java ${GENERATOR_JAVA_OPTS:-} -jar "$LOADTEST_JAR" --nodes "$NODES" --api-key "$API_KEY" \
  --redis "redis://127.0.0.1:$REDIS_PORT" \
  --agents "$AGENTS" --specialists "$SPECIALISTS" --rate "$RATE" --duration "$DURATION" "$@" \
  | tee "$WORK/loadtest.out"
status=${PIPESTATUS[0]}
echo "generator exit $status; output in $WORK/loadtest.out"
exit "$status"
