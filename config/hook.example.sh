#!/bin/sh
# An example edge6 hook. edge6 runs it with an argument vector (never through a
# shell), after the kernel changes of the event are applied, one at a time per
# interface. Every value in the environment is validated or hex-encoded, but a
# script should still quote its variables.
#
# $REASON: INFOREQ SOLICIT REQUEST RENEW REBIND after a Reply; RELEASE before
# the Release is sent (the prefix is already withdrawn; the Release waits for
# this script); EXIT when edge6 stops; and, for leases lost without a Reply,
# EXPIRE (lifetime ended), NOTONLINK, DECLINE (address failed DAD), NOBINDING
# (the server lost an IA) and RELOAD (a reload removed an IA). The
# environment always shows the state after the event: PDINFO lists what is
# left, OLD_PDINFO what the previous run saw.
# $CHANGED lists what changed since the last run (empty: nothing did).
# Under the systemd unit the file system is read-only except /run/edge6 and
# /var/lib/edge6: write there, or widen the unit with a drop-in (README.md).

log() { logger -t edge6-hook -- "$*" 2>/dev/null || printf '%s\n' "$*"; }

log "interface=$INTERFACE reason=$REASON changed='$CHANGED'"
log "addresses='$ADDRESSES' prefixes='$PDINFO' dns='$new_domain_name_servers'"

case "$CHANGED" in
  "") exit 0 ;;  # a Renew that changed nothing: skip the firewall reload
esac

if [ -n "$new_domain_name_servers" ]; then
  {
    for ns in $new_domain_name_servers; do printf 'nameserver %s\n' "$ns"; done
    [ -n "$new_domain_name" ] && printf 'search %s\n' "$new_domain_name"
  } > "/run/edge6/resolv.conf.$INTERFACE"
else
  # Released, expired or not on link: the server's DNS is gone with its lease.
  rm -f "/run/edge6/resolv.conf.$INTERFACE"
fi
