#!/usr/bin/env bash
# The project's test command: template checks, every module's tests (`mvn -B verify`), the deploy smoke of the
# template (scripts/deploy-smoke.sh: SAM translation, references, live settings, `sam package` against moto; about
# 15 s), then the smoke test of the packaged functions through AWS's own Lambda runtime client
# (scripts/lambda-local.sh --smoke).
# Idempotent; the first run creates .venv (cfn-lint, SAM CLI, moto server for the AWS harness) and builds the
# Runtime Interface Emulator under .lambda-local/ (Go; about two minutes once).
# Arguments go to `mvn verify` (e.g. -pl shared); a run with arguments skips the smoke test, which needs every jar.
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

if (( $# == 0 )); then
  # Before the long build, so that a missing Go or an unreachable module proxy shows at once.
  echo "== Lambda runtime tools for the smoke test (.lambda-local/)"
  scripts/lambda-local.sh --setup
fi

echo "== mvn verify"
# The AWS harness starts .venv/bin/moto_server; make sure it finds this checkout's virtualenv.
export MOTO_SERVER="${MOTO_SERVER:-$ROOT/.venv/bin/moto_server}"
mvn_flags=(-B -ntp)
if [[ "${CI:-}" == "true" ]]; then
  mvn_flags+=(-Dstyle.color=never)
fi
mvn "${mvn_flags[@]}" verify "$@"

if (( $# > 0 )); then
  echo "== deploy smoke (offline part; packaging skipped: mvn verify ran with arguments, the jars may be missing)"
  scripts/deploy-smoke.sh --no-package
  echo "== smoke test skipped: mvn verify ran with arguments ($*), so the function jars may not all be fresh"
  exit 0
fi
echo "== deploy smoke: template translated, references checked, sam package against moto S3"
deploy_started=$SECONDS
scripts/deploy-smoke.sh
echo "== deploy smoke passed in $((SECONDS - deploy_started)) s"
echo "== smoke: each function's events/ sample through the Runtime Interface Emulator and the Java runtime client"
smoke_started=$SECONDS
scripts/lambda-local.sh --no-build --smoke
echo "== smoke passed in $((SECONDS - smoke_started)) s"
