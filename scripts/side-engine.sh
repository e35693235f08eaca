#!/usr/bin/env bash
# A second Docker Engine (20.10 or 28) in a network namespace of its own, beside the sandbox's engine
# on /var/run/docker.sock. CI runs integration files and lesson legs on several engines at once:
# each engine has its own containers, networks, swarm and published ports, so a check on one never
# sees what a test on another made, and two tests may both publish port 8080.
#
#   scripts/side-engine.sh start NAME 20|28   start it (the sandbox must have run: the registry
#                                              mirror, Engine 28's unpacked binaries, docker.io);
#                                              the last line printed is DOCKER_HOST=unix://…
#   scripts/side-engine.sh run NAME CMD…      run CMD in the namespace, where /var/run/docker.sock
#                                              is the side engine's: the tests, the tutor and the
#                                              docker CLI find it as they find the usual one
#   scripts/side-engine.sh stop NAME          stop it and remove its namespace (its data stays)
#   scripts/side-engine.sh remove NAME        stop it and remove its data too
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

readonly MIRROR_PORT=45000 # scripts/docker-sandbox.sh's loopback registry mirror
readonly ENGINE_28_DIR=/opt/docker-tutor-sandbox/engine-28
readonly LOG_DIR=/var/log/docker-tutor-sandbox

usage() { sed -n '2,14s/^# \{0,1\}//p' "$0"; }
say() { printf 'side-engine: %s\n' "$*"; }
die() { printf 'side-engine: error: %s\n' "$*" >&2; exit 1; }

[ $# -ge 2 ] || { usage >&2; exit 2; }
action=$1 name=$2
shift 2
[[ "$name" =~ ^[a-z0-9-]{1,20}$ ]] || die "a name is lowercase letters, digits and dashes: $name"
readonly NS="dtt-$name"
readonly RUN_DIR="/run/docker-tutor-side/$name"
readonly DATA_DIR="/var/lib/docker-tutor-side/$name"
readonly SOCKET="$RUN_DIR/docker.sock"

# nsenter, not `ip netns exec`: that remounts /sys, and dockerd would find no cgroups under it.
in_ns() { nsenter --net="/run/netns/$NS" "$@"; }
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$NS"; }
answers() { curl -sf -m 3 --unix-socket "$SOCKET" http://side/_ping >/dev/null 2>&1; }

# A /24 of its own for the namespace's one interface: from the name, so two side engines differ, or
# the next one no route uses yet. Two namespaces on one /24 (e20 and bench hash alike) would share its
# route, and one of them would get no answers from outside: its DNS lookups time out after 20 s.
free_octet() {
  local octet=$(( $(printf '%s' "$name" | cksum | cut -d' ' -f1) % 200 + 20 ))
  while [ -n "$(ip route show "100.64.$octet.0/24")" ]; do octet=$(( (octet - 19) % 200 + 20 )); done
  echo "$octet"
}
# The octet of the namespace's interface now; none when it has none.
current_octet() { { ip -4 -o addr show dev "$NS" 2>/dev/null || true; } | sed -n 's#.* 100\.64\.\([0-9]*\)\.1/24 .*#\1#p'; }
host_rules() { # -A or -D, then the octet: the host's NAT and forwarding rules for the namespace (Docker's FORWARD policy is DROP)
  local net="100.64.$2.0/24"
  iptables -t nat "$1" POSTROUTING -s "$net" ! -o "$NS" -j MASQUERADE -m comment --comment "$NS"
  iptables "${1/-A/-I}" FORWARD -i "$NS" -j ACCEPT -m comment --comment "$NS"
  iptables "${1/-A/-I}" FORWARD -o "$NS" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT -m comment --comment "$NS"
}

start() {
  local engine=${1:-} path=$PATH pid octet
  case "$engine" in
    20) command -v dockerd >/dev/null || die "Debian's docker.io is not installed: run scripts/docker-sandbox.sh first" ;;
    28)
      [ -x "$ENGINE_28_DIR/usr/sbin/dockerd" ] || die "Engine 28 is not unpacked in $ENGINE_28_DIR: run scripts/docker-sandbox.sh first"
      path="$ENGINE_28_DIR/usr/sbin:$ENGINE_28_DIR/usr/bin:$PATH"
      ;;
    *) die "the engine is 20 or 28, not '${engine}'" ;;
  esac
  curl -sf -m 3 -o /dev/null "http://127.0.0.1:$MIRROR_PORT/v2/" || die "the sandbox's registry mirror does not answer on 127.0.0.1:$MIRROR_PORT: run scripts/docker-sandbox.sh first"
  if answers; then
    say "Engine $name already answers on $SOCKET"
    echo "DOCKER_HOST=unix://$SOCKET"
    return
  fi
  mkdir -p "$RUN_DIR" "$DATA_DIR" "$LOG_DIR"
  # what an engine that did not stop cleanly (a killed run, a reboot's stale files) left goes first
  teardown
  if ! ns_exists; then
    ip netns add "$NS"
    octet=$(free_octet)
    in_ns ip link set lo up
    # A veth pair routed and masqueraded to the host's network, so that the namespace reaches what
    # the host reaches (its DNS resolver, a registry) and nothing is learnt from a difference.
    ip link add "$NS" type veth peer name eth0 netns "$NS"
    ip addr add "100.64.$octet.1/24" dev "$NS"
    ip link set "$NS" up
    in_ns ip addr add "100.64.$octet.2/24" dev eth0
    in_ns ip link set eth0 up
    in_ns ip route add default via "100.64.$octet.1"
    sysctl -qw net.ipv4.ip_forward=1
    host_rules -A "$octet"
  fi
  # The engine pulls through the mirror on the host's loopback: a socket between the namespaces.
  setsid socat "UNIX-LISTEN:$RUN_DIR/mirror.sock,fork,mode=600" "TCP:127.0.0.1:$MIRROR_PORT" </dev/null >/dev/null 2>&1 &
  in_ns setsid socat "TCP-LISTEN:$MIRROR_PORT,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$RUN_DIR/mirror.sock" </dev/null >/dev/null 2>&1 &
  local features=""
  [ "$engine" = 28 ] && features='"features": { "containerd-snapshotter": true },'
  cat >"$RUN_DIR/daemon.json" <<EOF
{
  "registry-mirrors": ["http://127.0.0.1:$MIRROR_PORT"],
  $features
  "hosts": ["unix://$SOCKET"],
  "data-root": "$DATA_DIR/data",
  "exec-root": "$RUN_DIR/exec",
  "pidfile": "$RUN_DIR/dockerd.pid"
}
EOF
  printf '\n==== %s side-engine.sh starts Engine %s as %s\n' "$(date -Is)" "$engine" "$name" >>"$LOG_DIR/side-$name.log"
  (cd / && PATH=$path exec nsenter --net="/run/netns/$NS" setsid nohup dockerd --config-file "$RUN_DIR/daemon.json" >>"$LOG_DIR/side-$name.log" 2>&1 </dev/null) &
  pid=$!
  for _ in $(seq 120); do
    if answers; then
      say "started Engine $engine as $name in network namespace $NS (log $LOG_DIR/side-$name.log)"
      echo "DOCKER_HOST=unix://$SOCKET"
      return
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 20 "$LOG_DIR/side-$name.log" >&2
  die "the side engine $name did not answer within 60 s"
}

run() {
  [ $# -gt 0 ] || die "run needs a command"
  answers || die "the side engine $name does not answer: start it first"
  # A mount namespace of the command's own, where the usual socket path is the side engine's.
  # shellcheck disable=SC2016 # expanded by the inner shell
  exec nsenter --net="/run/netns/$NS" unshare --mount --propagation private \
    sh -c 'touch /var/run/docker.sock 2>/dev/null || true; mount --bind "$0" /var/run/docker.sock && exec "$@"' "$SOCKET" "$@"
}

# Everything of the namespace but the engine's data: its processes (the engine, its containers,
# the mirror's socket relay), the host's end of its veth pair and rules, the relay on the host.
teardown() {
  local pid pids octet
  octet=$(current_octet)
  pid=$(cat "$RUN_DIR/dockerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if ns_exists; then
    pids=$(ip netns pids "$NS" | paste -sd' ')
    # shellcheck disable=SC2086 # a list of pids
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
    ip netns delete "$NS"
  fi
  pkill -f "socat UNIX-LISTEN:$RUN_DIR/mirror.sock" 2>/dev/null || true
  rm -f "$RUN_DIR/mirror.sock"
  if ip link show "$NS" >/dev/null 2>&1; then ip link delete "$NS" 2>/dev/null || true; fi
  if [ -n "$octet" ]; then while host_rules -D "$octet" 2>/dev/null; do :; done; fi
}

stop() {
  teardown
  say "stopped the side engine $name"
}

case "$action" in
  start) start "$@" ;;
  run) run "$@" ;;
  stop) stop ;;
  remove)
    teardown
    # mounts the engine did not get to undo (a container's, its exec root's namespace files) keep
    # their folders busy
    awk -v data="$DATA_DIR/" -v run="$RUN_DIR/" 'index($2, data) == 1 || index($2, run) == 1 {print $2}' /proc/mounts \
      | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$DATA_DIR" "$RUN_DIR"
    say "removed the side engine $name and its data"
    ;;
  *) usage >&2; exit 2 ;;
esac
