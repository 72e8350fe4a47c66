#!/usr/bin/env bash
# The connector's main job on embedded defaults: builds the jars (skipping tests) and runs the local run against
# the Epicor and UPS sandboxes, ElasticMQ and in-memory stores. Arguments go to `local-run` (try --help).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/java.sh
source "$ROOT/scripts/lib/java.sh"
use_jdk25 || exit 1
command -v mvn >/dev/null || { echo "local-run.sh: mvn not found: install Maven 3.8+ (e.g. apt-get install maven)" >&2; exit 1; }

mvn -B -q -ntp package -DskipTests
exec java -jar tools/connector-cli/target/connector-cli.jar local-run "$@"
