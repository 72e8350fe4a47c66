#!/usr/bin/env bash
# Deploy smoke of template.yaml (scripts/deploy_smoke.py): translated offline with the SAM translator, every
# reference checked (function Policies included), a parameter-only deploy shown to reach the live alias, and
# `sam package` run against moto's S3 with every function jar (build them first: mvn -B package).
# --no-package skips the packaging (no jars needed). Uses .venv (scripts/check-template.sh creates it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -x .venv/bin/python ]] || scripts/check-template.sh >/dev/null
# The translator's own metrics notice is noise here.
exec .venv/bin/python scripts/deploy_smoke.py "$@" 2> >(grep -v '^There are unpublished metrics' >&2)
