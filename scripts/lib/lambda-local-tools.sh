# Sourced by scripts/lambda-local.sh: installs, or finds already installed, what runs a function as Lambda does,
# all of it under $ROOT/.lambda-local (git-ignored), nothing on the PATH:
#   .lambda-local/rie/<RIE_VERSION>/aws-lambda-rie   AWS's Runtime Interface Emulator (go install, Go module proxy)
#   .lambda-local/ric/<RIC_VERSION>/*.jar             AWS's Java runtime interface client (Maven Central)
#   .lambda-local/go/                                 Go's module and build caches for the emulator's build
#   .lambda-local/tools.properties                    where both are, for `connector lambda-local`
# and moto server in .venv (as scripts/check-template.sh installs it). Needs $ROOT, Java, Maven, Python 3, Go.

# shellcheck source=versions.sh
source "$ROOT/scripts/lib/versions.sh"

LAMBDA_LOCAL_HOME="$ROOT/.lambda-local"

lambda_local_log() { echo "lambda-local: $*" >&2; }

# Go from the PATH, else the usual install folder; fails with what to install.
find_go() {
  local go
  for go in "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [[ -n "$go" && -x "$go" ]]; then
      echo "$go"
      return 0
    fi
  done
  lambda_local_log "Go not found (PATH, /usr/local/go/bin): the Runtime Interface Emulator is built from source with" \
    "'go install'. Install Go 1.26.6 or newer from https://go.dev/dl/ (with an older Go 1.21+, Go's toolchain" \
    "switch should fetch the newer one from the Go module proxy)."
  return 1
}

ensure_rie() {
  local dir="$LAMBDA_LOCAL_HOME/rie/$RIE_VERSION"
  if [[ -x "$dir/aws-lambda-rie" ]]; then
    return 0
  fi
  local go started
  go="$(find_go)" || return 1
  lambda_local_log "building the Runtime Interface Emulator $RIE_VERSION with $("$go" version | awk '{print $3}')" \
    "(once; about 1-2 minutes) ..."
  started=$SECONDS
  mkdir -p "$dir.tmp"
  # Module and build caches under the project; -modcacherw so that `rm -rf .lambda-local` can remove them.
  if ! GOBIN="$dir.tmp" GOPATH="$LAMBDA_LOCAL_HOME/go" GOMODCACHE="$LAMBDA_LOCAL_HOME/go/pkg/mod" \
       GOCACHE="$LAMBDA_LOCAL_HOME/go/cache" GOFLAGS=-modcacherw \
       "$go" install "$RIE_MODULE/cmd/aws-lambda-rie@$RIE_VERSION"; then
    rm -rf "$dir.tmp"
    lambda_local_log "go install $RIE_MODULE/cmd/aws-lambda-rie@$RIE_VERSION failed (see above)"
    return 1
  fi
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  lambda_local_log "Runtime Interface Emulator built in $((SECONDS - started)) s: $dir/aws-lambda-rie"
}

ensure_ric() {
  local dir="$LAMBDA_LOCAL_HOME/ric/$RIC_VERSION"
  if compgen -G "$dir/aws-lambda-java-runtime-interface-client-*.jar" >/dev/null; then
    return 0
  fi
  local started=$SECONDS pom="$LAMBDA_LOCAL_HOME/ric/pom.xml"
  lambda_local_log "fetching the Java runtime interface client $RIC_VERSION from Maven Central ..."
  mkdir -p "$LAMBDA_LOCAL_HOME/ric"
  # A pom with the one dependency, so that Maven resolves the client's own dependencies as Lambda ships them.
  cat >"$pom" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.lambda-local</groupId>
  <artifactId>runtime-interface-client</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>${RIC_ARTIFACT%%:*}</groupId>
      <artifactId>${RIC_ARTIFACT##*:}</artifactId>
      <version>$RIC_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  rm -rf "$dir.tmp"
  if ! mvn -B -q -ntp -f "$pom" "$DEPENDENCY_PLUGIN:copy-dependencies" -DoutputDirectory="$dir.tmp" \
       -DincludeScope=runtime; then
    rm -rf "$dir.tmp"
    lambda_local_log "could not fetch $RIC_ARTIFACT:$RIC_VERSION (see above)"
    return 1
  fi
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  lambda_local_log "runtime interface client fetched in $((SECONDS - started)) s: $dir"
}

# moto server for the AWS emulator, in the project's .venv (the version scripts/check-template.sh pins).
ensure_moto() {
  local venv="$ROOT/.venv"
  if [[ -x "$venv/bin/moto_server" ]] \
     && [[ "$("$venv/bin/pip" show moto 2>/dev/null | awk '/^Version:/{print $2}')" == "$MOTO_VERSION" ]]; then
    return 0
  fi
  command -v python3 >/dev/null || { lambda_local_log "python3 not found: it runs moto server (apt-get install python3 python3-venv)"; return 1; }
  lambda_local_log "installing moto[server]==$MOTO_VERSION into .venv ..."
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION"
}

# Everything, then tools.properties (paths relative to .lambda-local).
ensure_lambda_local_tools() {
  ensure_moto || return 1
  ensure_rie || return 1
  ensure_ric || return 1
  cat >"$LAMBDA_LOCAL_HOME/tools.properties" <<EOF
# Written by scripts/lambda-local.sh; read by \`connector lambda-local\`.
rie=rie/$RIE_VERSION/aws-lambda-rie
rie.version=$RIE_VERSION
ric=ric/$RIC_VERSION
ric.version=$RIC_VERSION
EOF
}
