#!/usr/bin/env bash
# `sam local invoke` without Docker: runs one packaged function under AWS's own Runtime Interface Emulator and Java
# runtime interface client, with the environment template.yaml sets (resolved against resources created in moto
# server and ElasticMQ) and secrets pointing at the Epicor and UPS sandboxes; prints the answer and the runtime's
# INIT REPORT / REPORT lines. See docs/local-invoke.md.
#
#   scripts/lambda-local.sh FUNCTION [EVENT] [--invocations N] [--verbose]   one function (default EVENT: events/FUNCTION.json)
#   scripts/lambda-local.sh --smoke [--only a,b]                              every function with its sample, checked
#   scripts/lambda-local.sh --setup                                           only install the tools
# --no-build (first argument) uses the jars already in functions/*/target and tools/connector-cli/target.
# Installs everything under .lambda-local/ (git-ignored) and moto server in .venv; needs Java 25, Maven, Python 3, Go.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLER_DIR="$PWD"  # an EVENT path is the caller's, relative to where they ran this
cd "$ROOT"

fail() { echo "lambda-local.sh: $*" >&2; exit 1; }

# shellcheck source=lib/java.sh
source "$ROOT/scripts/lib/java.sh"
use_jdk25 || exit 1
command -v mvn >/dev/null || fail "mvn not found: install Maven 3.8+ (e.g. apt-get install maven)"
# shellcheck source=lib/lambda-local-tools.sh
source "$ROOT/scripts/lib/lambda-local-tools.sh"

build=true
if [[ "${1:-}" == "--no-build" ]]; then
  build=false
  shift
fi
if [[ $# -eq 0 || "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit $(( $# == 0 ? 1 : 0 ))
fi

setup_started=$SECONDS
ensure_lambda_local_tools || fail "could not install the Lambda runtime tools (see above)"
if (( SECONDS - setup_started > 1 )); then
  lambda_local_log "tools ready in $((SECONDS - setup_started)) s"
fi
if [[ "$1" == "--setup" ]]; then
  echo "lambda-local: tools in $LAMBDA_LOCAL_HOME (aws-lambda-rie $RIE_VERSION, runtime interface client $RIC_VERSION)"
  exit 0
fi

if $build; then
  lambda_local_log "building the function jars and the CLI (mvn package -DskipTests) ..."
  mvn -B -q -ntp package -DskipTests -pl tools/connector-cli -am
fi
cli="$ROOT/tools/connector-cli/target/connector-cli.jar"
[[ -f "$cli" ]] || fail "$cli is missing: run without --no-build, or mvn -B package -DskipTests"

# The AWS harness starts .venv/bin/moto_server (found through the repository root).
cd "$CALLER_DIR"
exec java -Dconnector.root="$ROOT" -jar "$cli" lambda-local --root "$ROOT" "$@"
