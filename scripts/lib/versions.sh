# Sourced by the project's scripts: the pinned versions of the tools they install. Pinned so that CI and every
# developer run the same tools; bump them on purpose, after checking the template and the tests with the new one.

# Python tools, installed into .venv (scripts/check-template.sh): verified to install with Python 3.11 from PyPI.
CFN_LINT_VERSION=1.58.0
SAM_CLI_VERSION=1.170.0
MOTO_VERSION=5.2.5

# AWS's Lambda runtime pieces, installed under .lambda-local/ (scripts/lambda-local.sh).
# The Runtime Interface Emulator: the Go module proxy lists no tagged version, so this is the pseudo-version
# `@latest` resolved to (commit bef5c4b, 2026-10-30). It needs Go 1.26.6 or newer.
RIE_MODULE=github.com/aws/aws-lambda-runtime-interface-emulator
RIE_VERSION=v0.0.0-20261030222936-bef5c4ba774d
# The Java runtime interface client (Maven Central), with its four dependencies.
RIC_ARTIFACT=com.amazonaws:aws-lambda-java-runtime-interface-client
RIC_VERSION=2.10.1
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
