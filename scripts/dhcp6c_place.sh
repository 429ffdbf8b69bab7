#!/bin/sh
# Puts edge6 in dhcp6c's place, or gives the place back, on Debian and Ubuntu
# (install.sh --as-dhcp6c / --restore-dhcp6c run it).
#
#   dhcp6c_place.sh take EDGE6 [DHCP6C]       dpkg-divert moves DHCP6C (default
#       /usr/sbin/dhcp6c) to DHCP6C.distrib, where package upgrades then put it
#       too, and DHCP6C becomes a symlink to EDGE6: started as dhcp6c, edge6 is
#       `edge6 run`, so the scripts that start dhcp6c start edge6.
#   dhcp6c_place.sh give-back EDGE6 [DHCP6C]  removes that symlink and the
#       diversion, which moves the package's dhcp6c back.
#
# Both are idempotent. dpkg-divert honours DPKG_ADMINDIR (the tests use it).
set -eu

say() { printf 'install.sh: %s\n' "$*"; }

usage() { echo "usage: $0 take|give-back EDGE6 [DHCP6C]" >&2; exit 2; }
[ $# -ge 2 ] || usage
case "$1" in take|give-back) ;; *) usage ;; esac
action=$1
edge6=$2
dhcp6c=${3:-/usr/sbin/dhcp6c}
if ! command -v dpkg-divert >/dev/null 2>&1; then
  say "dpkg-divert not found: this system has no dpkg; put edge6 in dhcp6c's place by hand"
  say "(move $dhcp6c aside, then: ln -s $edge6 $dhcp6c)"
  exit 1
fi
diverted() { [ -n "$(dpkg-divert --list "$dhcp6c")" ]; }

case "$action" in
  take)
    if ! diverted; then
      dpkg-divert --local --rename --divert "$dhcp6c.distrib" --add "$dhcp6c" >/dev/null
      say "moved the package's dhcp6c aside: $dhcp6c.distrib"
    fi
    ln -sfn "$edge6" "$dhcp6c"
    say "$dhcp6c is now edge6 (install.sh --restore-dhcp6c goes back); restart what runs dhcp6c"
    ;;
  give-back)
    if [ -L "$dhcp6c" ] && [ "$(readlink "$dhcp6c")" = "$edge6" ]; then
      rm -f "$dhcp6c"
      say "removed the symlink $dhcp6c -> $edge6"
    fi
    if diverted; then
      dpkg-divert --local --rename --remove "$dhcp6c" >/dev/null
      say "gave $dhcp6c back to its package; restart what runs dhcp6c"
    else
      say "$dhcp6c is not diverted: nothing to give back"
    fi
    ;;
esac
