# Shared by the scripts: repository root, clear failures, and the tools they need.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT

die() {
  echo "error: $*" >&2
  exit 1
}

require_java_and_maven() {
  command -v java >/dev/null || die "java not found: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk)"
  command -v mvn >/dev/null || die "mvn not found: install Apache Maven 3.8+ (Debian: apt-get install maven)"
  local version
  version="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ "${version%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17 or newer is needed; found ${version:-unknown}"
}

SERVER_JAR="$ROOT/server/target/tutorme-video-server.jar"
export SERVER_JAR

# Builds the runnable jar when it is missing or older than any source.
build_server_if_needed() {
  if [[ -f "$SERVER_JAR" && -z "$(cd "$ROOT" && find pom.xml protocol storage server web-client benchmarks \
      -newer "$SERVER_JAR" -type f -not -path '*/target/*' -not -path '*/node_modules/*' \
      -not -path '*/test-results/*' -print -quit)" ]]; then
    return 0
  fi
  echo "building the server (mvn package, tests skipped; scripts/test runs them)..."
  local output
  if ! output="$(cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests 2>&1)"; then
    printf '%s\n' "$output" >&2
    die "the build failed (output above)"
  fi
}

# Thousands of sockets need more than the usual 1,024 open files.
raise_open_files_limit() {
  if [[ "$(ulimit -n)" != "unlimited" && "$(ulimit -n)" -lt 65536 ]]; then
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  fi
}

# Starts the machine's local PostgreSQL cluster when it is installed but not answering.
ensure_postgres() {
  local host="127.0.0.1" port="5432"
  if pg_isready_quiet "$host" "$port"; then
    return 0
  fi
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    local version
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    echo "starting PostgreSQL $version (main cluster)..."
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
      pg_isready_quiet "$host" "$port" && return 0
      sleep 1
    done
  fi
  echo "warning: PostgreSQL is not answering on $host:$port; its tests will be skipped (or fail under CI=true)" >&2
}

pg_isready_quiet() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h "$1" -p "$2"
  else
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}

# Debian's Chromium for the browser tests: installed when missing and we are root, else a
# clear failure. No browser is ever downloaded by npm.
ensure_chromium() {
  if command -v chromium >/dev/null; then
    return 0
  fi
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser tests..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } \
      || die "could not install chromium (apt-get install chromium)"
    return 0
  fi
  die "the browser tests need Debian's chromium: run 'sudo apt-get install chromium' (or set CHROMIUM to a Chromium binary)"
}

# The browser tests' npm packages (playwright-core only), installed from the lock file.
ensure_web_client_packages() {
  command -v npm >/dev/null || die "npm not found: install Node.js 18+ (Debian: apt-get install nodejs npm)"
  local dir="$ROOT/web-client"
  if [[ ! -d "$dir/node_modules/playwright-core" || "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
    echo "installing the browser tests' npm packages..."
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}
