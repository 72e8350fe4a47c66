#!/usr/bin/env bash
# The project's test command: template checks, then every module's tests (`mvn -B verify`).
# Idempotent; the first run creates .venv (cfn-lint, SAM CLI, moto server for the AWS harness).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fail() { echo "test.sh: $*" >&2; exit 1; }

command -v java >/dev/null || fail "java not found: install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)"
java_major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')"
[[ "${java_major%%.*}" -ge 17 ]] || fail "Java 17 or newer is needed, found ${java_major}"
command -v mvn >/dev/null || fail "mvn not found: install Maven 3.8+ (e.g. apt-get install maven)"
command -v python3 >/dev/null || fail "python3 not found: it runs cfn-lint, the SAM CLI and moto (apt-get install python3 python3-venv)"

echo "== template checks"
scripts/check-template.sh

echo "== mvn verify"
# The AWS harness starts .venv/bin/moto_server; make sure it finds this checkout's virtualenv.
export MOTO_SERVER="${MOTO_SERVER:-$ROOT/.venv/bin/moto_server}"
mvn_flags=(-B -ntp)
if [[ "${CI:-}" == "true" ]]; then
  mvn_flags+=(-Dstyle.color=never)
fi
mvn "${mvn_flags[@]}" verify "$@"
