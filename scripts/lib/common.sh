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
