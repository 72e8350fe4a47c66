#!/usr/bin/env bash
# Lints template.yaml with cfn-lint (informational checks included) and `sam validate --lint`; fails on any finding.
# Creates .venv (also used for moto_server by the AWS test harness) on first use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# CFN_LINT_VERSION, SAM_CLI_VERSION, MOTO_VERSION. cfn-lint stays pinned (not "the latest") so that a new
# release's rules or runtime-deprecation data cannot turn CI red on a day nothing here changed; to see what the
# latest one says, run it from a throwaway virtualenv (docs/local-invoke.md, "Template checks").
# shellcheck source=lib/versions.sh
source "$ROOT/scripts/lib/versions.sh"

VENV="$ROOT/.venv"
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
installed() { "$VENV/bin/pip" show "$1" 2>/dev/null | awk '/^Version:/{print $2}'; }
need=()
[[ "$(installed cfn-lint)" == "$CFN_LINT_VERSION" ]] || need+=("cfn-lint==$CFN_LINT_VERSION")
[[ "$(installed aws-sam-cli)" == "$SAM_CLI_VERSION" ]] || need+=("aws-sam-cli==$SAM_CLI_VERSION")
if [[ "$(installed moto)" != "$MOTO_VERSION" || ! -x "$VENV/bin/moto_server" ]]; then
  need+=("moto[server]==$MOTO_VERSION")
fi
if (( ${#need[@]} > 0 )); then
  echo "check-template: installing ${need[*]} into .venv"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${need[@]}"
fi

# sam validate reads a region and credentials even though --lint stays offline; give it harmless ones
# so that a developer's real profile is never used.
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing
unset AWS_PROFILE
export SAM_CLI_TELEMETRY=0

echo "check-template: cfn-lint $CFN_LINT_VERSION, informational checks included"
# Informational checks too (I3011: every stateful resource says what happens to it on delete and replace);
# an exception is explained beside the resource in template.yaml.
"$VENV/bin/cfn-lint" --include-checks I -- template.yaml
echo "check-template: sam validate ($SAM_CLI_VERSION): the SAM transform"
"$VENV/bin/sam" validate --template template.yaml --region us-east-1
echo "check-template: sam validate --lint ($SAM_CLI_VERSION)"
"$VENV/bin/sam" validate --lint --template template.yaml --region us-east-1
echo "check-template: template.yaml OK"
