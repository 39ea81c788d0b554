# Shared by scripts/*: locate the project, install what is missing, build.
# shellcheck shell=bash

KINERJA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export KINERJA_ROOT

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Debian packages the build and the embedded cluster need. Installed only when missing.
ensure_system_packages() {
    local missing=()
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
    pkg-config --exists libcrypto 2>/dev/null || missing+=(libssl-dev)   # libpq-dev brings it too
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
        missing+=(postgresql postgresql-contrib)
    fi
    command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    command -v bc >/dev/null 2>&1 || missing+=(bc)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    [ -x /usr/bin/time ] || missing+=(time)
    if [ ${#missing[@]} -gt 0 ]; then
        [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
        say "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    command -v swift >/dev/null 2>&1 || die "the Swift 6 toolchain is not on PATH (https://www.swift.org/install/linux/)"
}

# Builds the kinerja binary; prints its path. $1: debug|release
build_kinerja() {
    local configuration="${1:-release}"
    say "building kinerja ($configuration)" 
    # release: the Swift runtime and Foundation linked in, which starts every CLI call about 10 ms
    # sooner (`kinerja --help` 20 -> 10 ms) and needs no Swift libraries where the binary runs
    local static=()
    [ "$configuration" = release ] && static=(--static-swift-stdlib)
    (cd "$KINERJA_ROOT" && swift build -c "$configuration" "${static[@]}" --product kinerja >&2)
    echo "$KINERJA_ROOT/.build/$configuration/kinerja"
}
