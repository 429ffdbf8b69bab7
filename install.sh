#!/usr/bin/env bash
# Installs edge6 and everything it needs on a Debian-like Linux machine.
#
#   ./install.sh              Deno (pinned), the project's dependencies, the
#                             test peers (Kea, dhcp6s, tshark, scapy) and the
#                             `edge6` command in $PREFIX/bin.
#   ./install.sh --no-system  skip Debian packages (Deno and dependencies only)
#   ./install.sh --as-dhcp6c  also put edge6 in dhcp6c's place: dpkg-divert moves
#                             /usr/sbin/dhcp6c to /usr/sbin/dhcp6c.distrib (kept
#                             there across package upgrades) and /usr/sbin/dhcp6c
#                             becomes a symlink to edge6, which then runs as
#                             `edge6 run` for the scripts that start dhcp6c
#   ./install.sh --restore-dhcp6c  only go back: remove the symlink, give
#                             /usr/sbin/dhcp6c back to the package
#   ./install.sh --bench-peers  also the clients `deno task bench:lab` compares
#                             edge6 with: WIDE dhcp6c (wide-dhcpv6-client) and
#                             dhcpcd (dhcpcd-base), their services disabled
#
# Idempotent: run it again and it only does what is missing. Says what it does.
set -euo pipefail

DENO_VERSION="2.9.6"
PREFIX="${PREFIX:-/usr/local}"
DENO_HOME="${EDGE6_DENO_HOME:-/opt/edge6-deno}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SYSTEM=1
AS_DHCP6C=0
BENCH_PEERS=0
DHCP6C=/usr/sbin/dhcp6c
for arg in "$@"; do
  case "$arg" in
    --no-system) SYSTEM=0 ;;
    --as-dhcp6c) AS_DHCP6C=1 ;;
    --restore-dhcp6c) AS_DHCP6C=restore ;;
    --bench-peers) BENCH_PEERS=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

say() { printf 'install.sh: %s\n' "$*"; }

# dhcp6c's place, taken and given back with dpkg-divert (Debian, Ubuntu).
dhcp6c_place() {
  [ "$(id -u)" = 0 ] || { say "taking or giving back $DHCP6C needs root"; exit 1; }
  sh "$HERE/scripts/dhcp6c_place.sh" "$1" "$PREFIX/bin/edge6" "$DHCP6C"
}
if [ "$AS_DHCP6C" = restore ]; then
  dhcp6c_place give-back
  exit 0
fi

# 1. Deno: any deno 2.x on PATH will do; otherwise the pinned one from npm.
deno_ok() { command -v deno >/dev/null 2>&1 && deno --version 2>/dev/null | head -1 | grep -q '^deno 2\.'; }
if deno_ok; then
  say "using $(deno --version | head -1) at $(command -v deno)"
else
  command -v npm >/dev/null || { say "npm is needed to fetch Deno ${DENO_VERSION}"; exit 1; }
  say "installing Deno ${DENO_VERSION} from the npm registry into ${DENO_HOME}"
  mkdir -p "$DENO_HOME"
  npm install --silent --no-audit --no-fund --prefix "$DENO_HOME" "deno@${DENO_VERSION}"
  bin="$(find "$DENO_HOME/node_modules/@deno" -maxdepth 2 -type f -name deno | head -1)"
  [ -x "$bin" ] || { say "the deno package did not contain a binary for this platform"; exit 1; }
  ln -sf "$bin" "$PREFIX/bin/deno"
  say "linked $PREFIX/bin/deno -> $bin"
fi
deno --version | head -1

# 2. Debian packages: the real DHCPv6 servers the lab and the tests run against.
if [ "$SYSTEM" = 1 ]; then
  need=()
  command -v kea-dhcp6 >/dev/null || need+=(kea-dhcp6-server)
  command -v dhcp6s >/dev/null && [ -x "$(command -v dhcp6s)" ] || need+=(wide-dhcpv6-server)
  # Debian's stock dhcp6c.conf (profile default), run by the -P end-to-end test.
  [ -f /etc/wide-dhcpv6/dhcp6c.conf ] || need+=(wide-dhcpv6-client)
  command -v tshark >/dev/null || need+=(tshark)
  /usr/bin/python3 -c 'import scapy' 2>/dev/null || need+=(python3-scapy)
  command -v ip >/dev/null || need+=(iproute2)
  # systemd-analyze rates the unit's sandbox (tests/systemd_unit_test.ts).
  command -v systemd-analyze >/dev/null || need+=(systemd)
  # groff renders the man page in its test (src/cli/man_page_test.ts).
  command -v groff >/dev/null || need+=(groff-base)
  # The LAN side's peers: rdisc6 solicits RAs, WIDE dhcp6c -i is a stateless client.
  command -v rdisc6 >/dev/null || need+=(ndisc6)
  # --bench-peers: the other clients of `deno task bench:lab` (dhcp6c is above).
  if [ "$BENCH_PEERS" = 1 ]; then
    [ -x /usr/sbin/dhcpcd ] || need+=(dhcpcd-base)
  fi
  if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
      say "missing ${need[*]}: install them as root with apt-get (needed by 'edge6 lab' and the tests)"
    else
      say "installing Debian packages: ${need[*]}"
      export DEBIAN_FRONTEND=noninteractive
      echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections || true
      # No interfaces: the packaged dhcp6c must not start on this machine's own links.
      echo "wide-dhcpv6-client wide-dhcpv6-client/interfaces string " | debconf-set-selections || true
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
      # The packaged services are not wanted running: tests start their own.
      for svc in isc-kea-dhcp6-server kea-dhcp6-server wide-dhcpv6-server wide-dhcpv6-client dhcpcd; do
        systemctl disable --now "$svc" >/dev/null 2>&1 || true
        service "$svc" stop >/dev/null 2>&1 || true
      done
    fi
  else
    say "Kea, dhcp6s, dhcp6c and its stock configuration, tshark, scapy and rdisc6 already present"
  fi
fi

# 3. The project's own dependencies, into Deno's cache (a process inside a test
#    namespace cannot reach the registry).
cd "$HERE"
say "caching dependencies"
deno install --quiet
deno cache --quiet main.ts

# 4. The edge6 command: a compiled binary where Deno can compile, else a wrapper.
#    Both run with the V8 flags of config/v8-flags (scripts/compile.ts bakes them in).
V8_FLAGS="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$HERE/config/v8-flags" | paste -sd, -)"
mkdir -p dist
if deno run -A scripts/compile.ts >/tmp/edge6-compile.out 2>&1; then
  install -m 0755 dist/edge6 "$PREFIX/bin/edge6"
  say "compiled dist/edge6 and installed it as $PREFIX/bin/edge6"
else
  say "$(tail -1 /tmp/edge6-compile.out)"
  # A cache of the dependencies every user can read, so that `edge6 check`
  # and friends also work for users other than the one who installed.
  shared_cache="$PREFIX/lib/edge6/deno-cache"
  mkdir -p "$shared_cache"
  DENO_DIR="$shared_cache" deno install --quiet
  DENO_DIR="$shared_cache" deno cache --quiet main.ts
  chmod -R a+rX "$shared_cache"
  # The wrapper runs the one-file bundle (deno task bundle): it starts in about half
  # the time of main.ts's modules and holds less memory (README, "Footprint and speed").
  entry="$HERE/main.ts"
  if deno run -A scripts/bundle.ts dist/edge6.js >/tmp/edge6-bundle.log 2>&1; then
    entry="$HERE/dist/edge6.js"
  else
    say "deno bundle failed (see /tmp/edge6-bundle.log); the wrapper runs main.ts"
  fi
  # deno by its full path: init scripts run with PATH=/sbin:/bin:/usr/sbin:/usr/bin.
  # EDGE6_ARGV0 carries the name it was started under (dhcp6c through a symlink).
  cat > "$PREFIX/bin/edge6" <<WRAP
#!/bin/sh
EDGE6_ARGV0="\$0" DENO_DIR="$shared_cache" exec "$(command -v deno)" run ${V8_FLAGS:+--v8-flags=$V8_FLAGS} -A --quiet --cached-only "$entry" "\$@"
WRAP
  chmod 0755 "$PREFIX/bin/edge6"
  say "installed $PREFIX/bin/edge6 as a wrapper that runs $entry with deno"
fi

# 5. Optionally, edge6 in dhcp6c's place (--as-dhcp6c): started as dhcp6c, it is `edge6 run`.
if [ "$AS_DHCP6C" = 1 ]; then
  dhcp6c_place take
fi
say "done"
