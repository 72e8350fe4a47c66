#!/usr/bin/env bash
# The project's test command: template checks, then every module's tests (`mvn -B verify`).
# Idempotent; the first run creates .venv (cfn-lint, SAM CLI, moto server for the AWS harness).
# Builds and tests on a JDK 25 (scripts/lib/java.sh finds one), the release Lambda's java25 runtime runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fail() { echo "test.sh: $*" >&2; exit 1; }

# shellcheck source=lib/java.sh
source "$ROOT/scripts/lib/java.sh"
use_jdk25 || exit 1
echo "== JDK: $JAVA_HOME"
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
