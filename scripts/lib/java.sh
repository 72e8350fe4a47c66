# Sourced by the project's scripts: points JAVA_HOME and PATH at a JDK 25, the release the functions are built
# for (Lambda runtime java25). Order: $JAVA_HOME when it is a JDK 25 or newer, then `java` on the PATH, then the
# usual install folders (Temurin, Debian/Ubuntu, SDKMAN). Fails with what to install when none is found.

java_major_of() { # java executable -> major version, empty when it cannot be read
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}' | cut -d. -f1
}

is_jdk25() { # home -> true when home/bin/java and home/bin/javac exist and java is 25 or newer
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
  local major
  major="$(java_major_of "$1/bin/java")"
  [[ -n "$major" && "$major" -ge 25 ]]
}

find_jdk25() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  candidates+=(/usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25*
               /opt/java/openjdk "$HOME"/.sdkman/candidates/java/25*)
  local home
  for home in "${candidates[@]}"; do
    if is_jdk25 "$home"; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

use_jdk25() {
  local home
  if ! home="$(find_jdk25)"; then
    echo "no JDK 25 found (JAVA_HOME, java on the PATH, /usr/lib/jvm): the functions run on Lambda's java25 runtime" \
         "and are compiled for it. Install a JDK 25 (e.g. Eclipse Temurin 25 from https://adoptium.net, or" \
         "'sdk install java 25-tem') and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$home"
  export PATH="$JAVA_HOME/bin:$PATH"
}
