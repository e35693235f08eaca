#!/usr/bin/env bash
# docker-sandbox.sh: a Docker playground for docker-tutor's tests and CI on a Debian machine
# with no Docker Hub. It installs Debian's Docker, runs a loopback registry as the daemon's
# registry mirror, starts dockerd if none answers, and puts BusyBox stand-ins for the images
# the lessons use into the mirror, so that a plain `docker pull alpine` works offline.
# Idempotent: a second run checks, finds everything in place, and returns in about a second.
# Run `scripts/docker-sandbox.sh --help` for the details.
set -euo pipefail

readonly MIRROR_ADDR=127.0.0.1:45000
readonly MIRROR_URL="http://$MIRROR_ADDR"
readonly STATE_DIR=/var/lib/docker-tutor-sandbox
readonly LOG_DIR=/var/log/docker-tutor-sandbox
readonly REGISTRY_BIN=/usr/bin/docker-registry
readonly REGISTRY_CONFIG="$STATE_DIR/registry.yml"
readonly REGISTRY_PIDFILE="$STATE_DIR/registry.pid"
readonly PACKAGED_REGISTRY_CONFIG=/etc/docker/registry/config.yml
readonly DAEMON_JSON=/etc/docker/daemon.json
readonly DOCKER_PIDFILE=/var/run/docker.pid
readonly DOCKER_URL=unix:///var/run/docker.sock
readonly ENGINES_DIR=/opt/docker-tutor-sandbox
readonly ENGINE_FILE="$STATE_DIR/engine"          # the engine this script last started
readonly DOCKERD_PIDFILE="$STATE_DIR/dockerd.pid" # and its pid
# Engine 28 comes from Debian unstable's packages, unpacked under $ENGINES_DIR/engine-28; its runc
# would need glibc 2.38, so Debian 12's runc (a docker.io dependency) runs its containers.
readonly UNSTABLE_PACKAGES=(docker.io containerd docker-buildx docker-cli)
readonly ENGINE_28_VERSION=28.5.2
readonly BUILDX_PLUGIN=/usr/local/libexec/docker/cli-plugins/docker-buildx
readonly PACKAGES=(docker.io docker-registry busybox-static musl-tools make patch bzip2 socat iptables iproute2 curl
    debootstrap)
# what a push makes: a Docker v2 manifest (Engine 20.10) or an OCI one (the containerd image store)
readonly MANIFEST_TYPES=application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json
# name  tags (comma-separated)  rootfs base: full = busybox, applet links, standard dirs;
# full-musl = the same with a BusyBox built against musl with Alpine's applets; bare = only
# the image's own files
readonly IMAGES=(
    "alpine latest full-musl"
    "busybox latest full"
    "hello-world latest bare"
    "nginx alpine,latest full"
    "registry 2 full"
)
SANDBOX_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/sandbox"
readonly SANDBOX_DIR

# The script talks to the local daemon only, whatever the caller's environment points at.
export DOCKER_HOST=unix:///var/run/docker.sock
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
umask 022

usage() {
    cat <<EOF
Usage: scripts/docker-sandbox.sh [--engine 28|20|podman|rootless] [--rebuild] [--help]

Sets up a local Docker playground for docker-tutor (Debian, run as root), with one of two
engines answering on $DOCKER_URL:
  28  (the default) Docker Engine $ENGINE_28_VERSION from Debian unstable's packages (${UNSTABLE_PACKAGES[*]}),
      unpacked under $ENGINES_DIR/engine-28, with the containerd image store and
      BuildKit; the buildx plugin goes to $BUILDX_PLUGIN, so the docker CLI
      builds with BuildKit as every current CLI does;
  20  Debian 12's Docker Engine 20.10 (docker.io), classic image store and builder.
One engine runs at a time (both would own docker0, the iptables chains and the swarm ports): asking
for the other engine stops the one this script started, with its containers; a daemon this script
did not start is never stopped. The last line printed is DOCKER_HOST=<url> for the engine.

Steps:
  1. installs docker.io, docker-registry, busybox-static, musl-tools, make, patch, bzip2,
     socat, iptables, curl and debootstrap if missing;
  2. runs Debian's registry on $MIRROR_ADDR (config $REGISTRY_CONFIG,
     storage $STATE_DIR/registry) and stops the packaged registry service on :5000;
  3. adds "registry-mirrors": ["$MIRROR_URL"] to $DAEMON_JSON (other keys are kept);
  4. starts the engine's dockerd in the background unless it already answers on
     /var/run/docker.sock (a running one is only asked to reload its config);
  5. builds stand-ins (label org.docker-tutor.stand-in=true) for alpine:latest,
     busybox:latest, hello-world:latest, nginx:alpine, nginx:latest and registry:2 from
     scripts/sandbox/, with the real images' config (entrypoint, command, env, ports,
     volumes, stop signal): BusyBox and its applets (for alpine, Debian's busybox source
     built once against musl with Alpine's applets, kept in $STATE_DIR/busybox-musl),
     Debian's nginx and registry binaries with the libraries they load, and hello-world's
     /hello compiled statically; pushes them to the mirror as $MIRROR_ADDR/library/NAME:TAG,
     skipping those already there; no local image tag is left behind or changed;
  6. builds the multi-node playground's node image, a stand-in for docker:dind (Debian bookworm
     made with debootstrap, with Engine 28.5 and the official image's TLS entrypoint), and
     pushes it to the mirror as $MIRROR_ADDR/library/docker:dind, unless the mirror has it;
  7. checks that \`docker info\` lists the mirror.
Then \`docker pull alpine\` etc. go through the real pull path, via the mirror.

Options:
  --engine N  28 (default) or 20: the engine to run on $DOCKER_URL;
              podman or rootless: a daemon of that kind on a socket of its own, beside
              whichever engine runs there (see scripts/sandbox/engines/NAME.sh); the
              stand-ins are built with the engine on $DOCKER_URL (Engine 28 is started
              if none answers)
  --rebuild   build and push the stand-ins again even if the mirror has them
  -h, --help  print this help

Logs: $LOG_DIR/{dockerd,registry,build}.log
EOF
}

say() { printf 'sandbox: %s\n' "$*"; }
die() { printf 'sandbox: error: %s\n' "$*" >&2; exit 1; }
log_tail() { # file: print its last lines to stderr
    [ -s "$1" ] || return 0
    printf 'sandbox: last lines of %s:\n' "$1" >&2
    tail -n 25 "$1" | sed 's/^/  | /' >&2
}

rebuild=0
engine=28
while [ $# -gt 0 ]; do
    case "$1" in
        --rebuild) rebuild=1 ;;
        --engine=*) engine=${1#--engine=} ;;
        --engine)
            [ $# -gt 1 ] || { usage >&2; printf '\nsandbox: error: --engine needs a name: 28, 20, podman or rootless\n' >&2; exit 2; }
            engine=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; printf '\nsandbox: error: unknown argument: %s\n' "$1" >&2; exit 2 ;;
    esac
    shift
done
case "$engine" in
    28|20|podman|rootless) ;;
    *) printf 'sandbox: error: unknown engine "%s": use --engine 28, 20, podman or rootless\n' "$engine" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || die "run this as root (it installs packages and starts daemons)"
started_at=$(date +%s%N)
mkdir -p "$STATE_DIR" "$LOG_DIR"
# (fd 9 is closed for the daemons started below, or they would hold the lock forever)
exec 9>"$STATE_DIR/lock"
flock -w 300 9 || die "another docker-sandbox.sh run holds $STATE_DIR/lock"

# ---- cleanup of what this run made ------------------------------------------------------
tmp_dir=""
policy_rc_made=0
made_tags=()          # image refs this run tagged and has not removed yet
declare -A restore_id # ref -> image ID it pointed at before this run
cleanup() {
    local ref
    for ref in "${made_tags[@]}"; do
        if [ -n "${restore_id[$ref]:-}" ]; then
            docker tag "${restore_id[$ref]}" "$ref" >/dev/null 2>&1 || true
        else
            docker rmi "$ref" >/dev/null 2>&1 || true
        fi
    done
    [ -z "$tmp_dir" ] || rm -rf "$tmp_dir"
    [ "$policy_rc_made" = 0 ] || rm -f /usr/sbin/policy-rc.d
}
trap cleanup EXIT

# ---- helpers ----------------------------------------------------------------------------
same_pidns() { # pid: true if it is a process in this PID namespace (not in a container)
    [ "$(readlink "/proc/$1/ns/pid" 2>/dev/null)" = "$(readlink /proc/self/ns/pid)" ]
}
same_userns() { # pid: true if it is a process in this user namespace (not rootless Docker's dockerd)
    [ "$(readlink "/proc/$1/ns/user" 2>/dev/null)" = "$(readlink /proc/self/ns/user)" ]
}
same_netns() { # pid: true if it is a process in this network namespace (not scripts/side-engine.sh's)
    [ "$(readlink "/proc/$1/ns/net" 2>/dev/null)" = "$(readlink /proc/self/ns/net)" ]
}
# comm: PIDs of processes with that name in this PID and user namespace (no procps needed). The
# rootless daemon's dockerd shares the PID namespace but runs in RootlessKit's user namespace: it
# is not the dockerd of /var/run/docker.sock, nor is a side engine's in a network namespace of its own.
host_pids() {
    local dir comm
    for dir in /proc/[0-9]*; do
        comm=""
        read -r comm 2>/dev/null <"$dir/comm" || continue
        if [ "$comm" = "$1" ] && same_pidns "${dir#/proc/}" && same_userns "${dir#/proc/}" && same_netns "${dir#/proc/}"; then echo "${dir#/proc/}"; fi
    done
}
daemon_version() { # prints the server version if a daemon answers on the socket
    timeout 15 docker version --format '{{.Server.Version}}' 2>/dev/null
}
mirror_answers() { curl -sf -m 3 -o /dev/null "$MIRROR_URL/v2/"; }
mirror_has() { # name tag
    curl -sf -m 5 -o /dev/null -H "Accept: $MANIFEST_TYPES" "$MIRROR_URL/v2/library/$1/manifests/$2"
}
elapsed() { # since started_at, in seconds with one decimal
    local ms=$(( ($(date +%s%N) - started_at) / 1000000 ))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

# ---- 1. packages ------------------------------------------------------------------------
install_packages() {
    local pkg missing=()
    for pkg in "${PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = 'install ok installed' ] \
            || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "packages already installed: ${PACKAGES[*]}"
        return
    fi
    say "installing ${missing[*]} (apt-get; log $LOG_DIR/apt.log)"
    # Keep the packages' init scripts from starting dockerd or a registry on :5000: this
    # script starts the daemons it needs itself.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        policy_rc_made=1
    fi
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } \
            >>"$LOG_DIR/apt.log" 2>&1; then
        log_tail "$LOG_DIR/apt.log"
        die "apt-get could not install ${missing[*]}"
    fi
    if [ "$policy_rc_made" = 1 ]; then rm -f /usr/sbin/policy-rc.d; policy_rc_made=0; fi
    say "installed ${missing[*]}"
}

# ---- 2. the mirror registry -------------------------------------------------------------
stop_packaged_registry() {
    # Debian's docker-registry service (init script or systemd unit) listens on :5000,
    # which the lessons use. Stop it if it runs; our own instance has a different config.
    local pid cmd stopped=""
    if [ -d /run/systemd/system ] && systemctl is-active -q docker-registry 2>/dev/null; then
        systemctl stop docker-registry && stopped="systemd unit"
    fi
    for pid in $(host_pids docker-registry); do
        cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
        case "$cmd" in
            *" $PACKAGED_REGISTRY_CONFIG "*)
                kill "$pid" 2>/dev/null && stopped="${stopped:+$stopped, }pid $pid" ;;
        esac
    done
    if [ -n "$stopped" ]; then
        rm -f /var/run/docker-registry.pid
        say "stopped Debian's packaged registry service on :5000 ($stopped)"
    fi
}

write_registry_config() {
    cat >"$REGISTRY_CONFIG.tmp" <<EOF
# Written by docker-tutor's scripts/docker-sandbox.sh: the loopback registry that dockerd
# uses as its registry mirror (a plain registry, no proxy, no auth).
version: 0.1
log:
  level: warn
  fields:
    service: docker-tutor-sandbox-mirror
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $STATE_DIR/registry
  delete:
    enabled: true
http:
  addr: $MIRROR_ADDR
  headers:
    X-Content-Type-Options: [nosniff]
EOF
    mv "$REGISTRY_CONFIG.tmp" "$REGISTRY_CONFIG"
}

start_mirror() {
    write_registry_config
    mkdir -p "$STATE_DIR/registry"
    if mirror_answers; then
        say "mirror registry already answering at $MIRROR_URL"
        return
    fi
    if command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :${MIRROR_ADDR##*:}")" ]; then
        die "something else listens on $MIRROR_ADDR and is not a registry: $(ss -Hltnp "sport = :${MIRROR_ADDR##*:}")"
    fi
    local pid
    # From /, as every daemon here: the folder this script runs in may be a clone that is removed.
    (
        cd / || exit 1
        setsid nohup "$REGISTRY_BIN" serve "$REGISTRY_CONFIG" \
            >>"$LOG_DIR/registry.log" 2>&1 </dev/null 9>&- &
        echo $! >"$REGISTRY_PIDFILE"
    )
    pid=$(cat "$REGISTRY_PIDFILE")
    for _ in $(seq 100); do
        mirror_answers && break
        if ! kill -0 "$pid" 2>/dev/null; then
            log_tail "$LOG_DIR/registry.log"
            die "the mirror registry exited at start"
        fi
        sleep 0.1
    done
    mirror_answers || { log_tail "$LOG_DIR/registry.log"; die "the mirror registry does not answer at $MIRROR_URL/v2/"; }
    say "started mirror registry at $MIRROR_URL (pid $pid, log $LOG_DIR/registry.log)"
}

# ---- 3. daemon.json ---------------------------------------------------------------------
# Prints created, added or present. Other keys and other mirrors are kept; ours goes first.
merge_daemon_json() {
    mkdir -p "$(dirname "$DAEMON_JSON")"
    if command -v node >/dev/null; then
        node -e '
            const fs = require("fs");
            const [file, url] = process.argv.slice(1);
            let cfg = {}, existed = false;
            if (fs.existsSync(file)) {
                existed = true;
                const text = fs.readFileSync(file, "utf8");
                if (text.trim()) cfg = JSON.parse(text);
            }
            if (cfg === null || typeof cfg !== "object" || Array.isArray(cfg)) throw new Error(file + " is not a JSON object");
            const mirrors = Array.isArray(cfg["registry-mirrors"]) ? cfg["registry-mirrors"] : [];
            const norm = (s) => String(s).replace(/\/+$/, "");
            if (mirrors.some((m) => norm(m) === norm(url))) { console.log("present"); process.exit(0); }
            cfg["registry-mirrors"] = [url, ...mirrors];
            fs.writeFileSync(file + ".tmp", JSON.stringify(cfg, null, 2) + "\n");
            fs.renameSync(file + ".tmp", file);
            console.log(existed ? "added" : "created");
        ' "$DAEMON_JSON" "$MIRROR_URL"
    elif command -v python3 >/dev/null; then
        python3 - "$DAEMON_JSON" "$MIRROR_URL" <<'EOF'
import json, os, sys
file, url = sys.argv[1:]
cfg, existed = {}, os.path.exists(file)
if existed:
    with open(file) as f:
        text = f.read()
    if text.strip():
        cfg = json.loads(text)
if not isinstance(cfg, dict):
    sys.exit(file + " is not a JSON object")
mirrors = cfg.get("registry-mirrors")
mirrors = mirrors if isinstance(mirrors, list) else []
if any(str(m).rstrip("/") == url.rstrip("/") for m in mirrors):
    print("present")
    sys.exit(0)
cfg["registry-mirrors"] = [url] + mirrors
with open(file + ".tmp", "w") as f:
    json.dump(cfg, f, indent=2)
    f.write("\n")
os.replace(file + ".tmp", file)
print("added" if existed else "created")
EOF
    elif [ ! -s "$DAEMON_JSON" ]; then
        printf '{\n  "registry-mirrors": ["%s"]\n}\n' "$MIRROR_URL" >"$DAEMON_JSON"
        echo created
    else
        die "need node or python3 to edit $DAEMON_JSON"
    fi
}

configure_daemon_json() {
    local result
    result=$(merge_daemon_json) || die "could not update $DAEMON_JSON (is it valid JSON?)"
    case "$result" in
        present) say "$DAEMON_JSON already lists the registry mirror $MIRROR_URL" ;;
        created) say "wrote $DAEMON_JSON with registry-mirrors [$MIRROR_URL]" ;;
        added) say "added $MIRROR_URL to registry-mirrors in $DAEMON_JSON (other keys kept)" ;;
    esac
}

# ---- 4. the engine ----------------------------------------------------------------------
# Engine 28's binaries: Debian unstable's packages, fetched with apt-get into a folder of this
# script's own (the system's apt sources and package state are not touched) and unpacked.
fetch_engine_28() {
    local root="$ENGINES_DIR/engine-28" apt_dir version deb
    if [ -x "$root/usr/sbin/dockerd" ] \
            && version=$("$root/usr/sbin/dockerd" --version 2>/dev/null) \
            && [[ "$version" == *" $ENGINE_28_VERSION"* ]]; then
        say "Engine $ENGINE_28_VERSION already unpacked in $root"
        return
    fi
    apt_dir="$STATE_DIR/apt-unstable"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
    echo "deb http://deb.debian.org/debian unstable main" >"$apt_dir/sources.list"
    local apt_opts=(-q -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
    say "fetching ${UNSTABLE_PACKAGES[*]} from Debian unstable (log $LOG_DIR/apt.log)"
    rm -f "$apt_dir"/debs/*.deb
    if ! { apt-get "${apt_opts[@]}" update \
            && (cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download "${UNSTABLE_PACKAGES[@]}"); } \
            >>"$LOG_DIR/apt.log" 2>&1; then
        log_tail "$LOG_DIR/apt.log"
        die "could not fetch ${UNSTABLE_PACKAGES[*]} from Debian unstable"
    fi
    rm -rf "$root.tmp"
    mkdir -p "$root.tmp"
    for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$root.tmp"; done
    version=$("$root.tmp/usr/sbin/dockerd" --version 2>/dev/null) \
        || die "the dockerd unpacked from Debian unstable does not run on this system"
    [[ "$version" == *" $ENGINE_28_VERSION"* ]] \
        || die "Debian unstable now has $version, not $ENGINE_28_VERSION: update ENGINE_28_VERSION in $0"
    rm -rf "$root"
    mv "$root.tmp" "$root"
    say "unpacked $version in $root"
}

# The CLI side of a current Docker install: the buildx plugin (so `docker build` is BuildKit), and
# a CLI new enough to use it when the one on PATH is older than 23.
install_cli_28() {
    local root="$ENGINES_DIR/engine-28" major
    if ! cmp -s "$root/usr/libexec/docker/cli-plugins/docker-buildx" "$BUILDX_PLUGIN"; then
        install -D -m 755 "$root/usr/libexec/docker/cli-plugins/docker-buildx" "$BUILDX_PLUGIN"
        say "installed the buildx plugin $("$BUILDX_PLUGIN" version 2>/dev/null | cut -d' ' -f2) as $BUILDX_PLUGIN"
    fi
    major=$(docker --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')
    if [ "${major:-0}" -lt 23 ]; then
        install -m 755 "$root/usr/bin/docker" /usr/local/bin/docker
        hash -r
        say "installed the docker CLI $ENGINE_28_VERSION as /usr/local/bin/docker (the one on PATH was ${major:-missing})"
    fi
}

engine_config() { # engine: the config file its dockerd reads
    if [ "$1" = 20 ]; then echo "$DAEMON_JSON"; else echo "$STATE_DIR/engine-$1/daemon.json"; fi
}

# Engine 28's own config: the mirror, the containerd image store, a data root of its own.
write_engine_28_config() {
    local file dir="$STATE_DIR/engine-28"
    file=$(engine_config 28)
    mkdir -p "$dir/data"
    cat >"$file.tmp" <<EOF
{
  "registry-mirrors": ["$MIRROR_URL"],
  "features": { "containerd-snapshotter": true },
  "data-root": "$dir/data"
}
EOF
    mv "$file.tmp" "$file"
}

engine_of_version() { # server version: the engine name it is, or "other"
    case "$1" in
        20.10.*) echo 20 ;;
        "$ENGINE_28_VERSION"*) echo 28 ;;
        *) echo other ;;
    esac
}

started_dockerd_pid() { # the pid of the dockerd this script started, if it still runs
    local pid
    pid=$(cat "$DOCKERD_PIDFILE" 2>/dev/null || true)
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] && same_pidns "$pid" && echo "$pid"
}

# The bridges (docker0 aside, which every engine shares) an engine made stay in the kernel after it
# stops; the next engine knows nothing of them, and a subnet of its own that overlaps one (its
# docker_gwbridge, say) then routes to the dead bridge. Those that appeared while the stopped
# engine ran, and hold no interface, go with it.
readonly BRIDGES_BEFORE="$STATE_DIR/bridges-before-engine"
bridge_names() { ip -o link show type bridge 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | sort; }
remove_engine_bridges() { # name of the engine that stopped
    local bridge removed=()
    [ -f "$BRIDGES_BEFORE" ] || return 0
    for bridge in $(bridge_names | comm -13 "$BRIDGES_BEFORE" -); do
        # only Docker's own: Podman's podman0, podman1… are not the engine's
        [[ "$bridge" =~ ^(docker_gwbridge|br-[0-9a-f]{12})$ ]] || continue
        [ -z "$(ip -o link show master "$bridge" 2>/dev/null)" ] || continue
        ip link delete "$bridge" 2>/dev/null && removed+=("$bridge")
    done
    [ ${#removed[@]} -eq 0 ] || say "removed ${#removed[@]} bridge(s) Engine $1 left in the kernel: ${removed[*]}"
}

# A dockerd that is gone leaves its NAT rules in the kernel, and the next engine only adds its own.
# A masquerade rule left for a subnet that a new network then gets rewrites the source of every
# packet between that network's containers: the playground's nodes then reach each other from the
# gateway's address, and the overlay network between them drops every VXLAN packet. Called only
# when no dockerd runs, so every rule of Docker's form is a dead engine's.
readonly DOCKER_BRIDGE_NAME='(docker0|docker_gwbridge|br-[0-9a-f]{12})'
remove_dead_engine_rules() {
    local table rule removed=0
    command -v iptables >/dev/null || return 0
    for table in nat raw; do
        while read -r rule; do
            # shellcheck disable=SC2086 # the rule is iptables -S output: words without globs
            iptables -t "$table" ${rule/#-A/-D} 2>/dev/null && removed=$((removed + 1))
        done < <(iptables -t "$table" -S 2>/dev/null | grep -E \
            -e "^-A POSTROUTING -s [0-9./]+ ! -o $DOCKER_BRIDGE_NAME -j MASQUERADE$" \
            -e "^-A POSTROUTING -s ([0-9.]+)/32 -d \\1/32 -p (tcp|udp) -m (tcp|udp) --dport [0-9]+ -j MASQUERADE$" \
            -e "^-A PREROUTING -d [0-9.]+/32 ! -i $DOCKER_BRIDGE_NAME -j DROP$" \
            -e "^-A PREROUTING -d 127\.0\.0\.1/32 ! -i lo -p (tcp|udp) -m (tcp|udp) --dport [0-9]+ -j DROP$")
    done
    [ "$removed" -eq 0 ] || say "removed $removed NAT and raw rule(s) a stopped Docker Engine left in the kernel"
}

stop_started_engine() { # pid name
    say "stopping Engine $2 (pid $1, started by this script) to start Engine $engine in its place"
    kill -TERM "$1"
    for _ in $(seq 120); do
        if ! kill -0 "$1" 2>/dev/null; then
            rm -f "$DOCKERD_PIDFILE" "$ENGINE_FILE"
            remove_engine_bridges "$2"
            return
        fi
        sleep 0.5
    done
    die "Engine $2 (pid $1) did not stop within 60 s"
}

start_engine() {
    local pid version path=$PATH config
    remove_dead_engine_rules
    config=$(engine_config "$engine")
    if [ "$engine" = 28 ]; then
        write_engine_28_config
        path="$ENGINES_DIR/engine-28/usr/sbin:$ENGINES_DIR/engine-28/usr/bin:$PATH"
    fi
    if [ -e "$DOCKER_PIDFILE" ]; then
        pid=$(cat "$DOCKER_PIDFILE" 2>/dev/null || true)
        rm -f "$DOCKER_PIDFILE"
        say "removed stale $DOCKER_PIDFILE (pid ${pid:-?} is not a running dockerd)"
    fi
    # Without systemd or cgroupfs-mount at boot, the cgroup hierarchies may be unmounted.
    if ! grep -q ' /sys/fs/cgroup' /proc/mounts && command -v cgroupfs-mount >/dev/null; then
        cgroupfs-mount && say "mounted the cgroup hierarchies (cgroupfs-mount)"
    fi
    bridge_names >"$BRIDGES_BEFORE"
    printf '\n==== %s docker-sandbox.sh starts Engine %s\n' "$(date -Is)" "$engine" >>"$LOG_DIR/dockerd.log"
    # from /, so that a checkout removed while it runs is not its working folder
    (cd / && PATH=$path exec setsid nohup dockerd --config-file "$config" >>"$LOG_DIR/dockerd.log" 2>&1 </dev/null 9>&-) &
    pid=$!
    echo "$pid" >"$DOCKERD_PIDFILE"
    echo "$engine" >"$ENGINE_FILE"
    for _ in $(seq 120); do
        if version=$(daemon_version); then
            say "started Engine $version at $DOCKER_HOST (pid $pid, config $config, log $LOG_DIR/dockerd.log)"
            return
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    log_tail "$LOG_DIR/dockerd.log"
    if kill -0 "$pid" 2>/dev/null; then
        die "dockerd (pid $pid) did not answer within 60 s (left running)"
    fi
    die "dockerd exited at start"
}

ensure_engine() {
    local version running pid pids
    if [ "$engine" = 28 ]; then
        fetch_engine_28
        install_cli_28
    fi
    if version=$(daemon_version); then
        running=$(engine_of_version "$version")
        if [ "$running" = "$engine" ]; then
            say "Engine $version already answering at $DOCKER_HOST"
            return
        fi
        pid=$(started_dockerd_pid || true)
        if [ -z "$pid" ] || [ "$running" = other ]; then
            die "a Docker Engine $version that this script did not start answers at $DOCKER_HOST; stop it (e.g. systemctl stop docker) so that this script can start Engine $engine there"
        fi
        stop_started_engine "$pid" "$running"
    fi
    pids=$(host_pids dockerd | paste -sd' ')
    if [ -n "$pids" ]; then
        # A dockerd runs but does not answer (yet): it may still be starting. Never kill it.
        say "dockerd (pid $pids) runs but does not answer yet; waiting up to 60 s"
        for _ in $(seq 120); do
            if version=$(daemon_version); then
                [ "$(engine_of_version "$version")" = "$engine" ] \
                    || die "dockerd (pid $pids) now answers as Engine $version, not $engine; run this again to switch"
                say "Engine $version answering at $DOCKER_HOST"
                return
            fi
            sleep 0.5
        done
        die "dockerd (pid $pids) runs but does not answer on $DOCKER_HOST (see its log: $LOG_DIR/dockerd.log if this script started it, else /var/log/docker.log or the service's); this script does not kill a daemon it did not start: stop it, then run this again"
    fi
    start_engine
}

# ---- 5. stand-in images -----------------------------------------------------------------
deb_to_docker_arch() { # the arch the real hello-world prints
    case "$(dpkg --print-architecture)" in
        arm64) echo arm64v8 ;; armhf) echo arm32v7 ;; armel) echo arm32v5 ;;
        ppc64el) echo ppc64le ;; *) dpkg --print-architecture ;;
    esac
}

# Copies binary $1 to $2$3 with the dynamic loader and the shared libraries it loads
# (`ldd` lists none for a static binary).
copy_with_libs() {
    local bin=$1 rootfs=$2 target=$3 lib missing
    missing=$(ldd "$bin" 2>/dev/null | awk '/not found/ { print $1 }' | paste -sd' ')
    [ -z "$missing" ] || die "$bin needs libraries this machine lacks: $missing"
    mkdir -p "$rootfs$(dirname "$target")"
    cp "$bin" "$rootfs$target"
    for lib in $(ldd "$bin" 2>/dev/null \
            | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
        mkdir -p "$rootfs$(dirname "$lib")"
        cp -L "$lib" "$rootfs$lib"
    done
}

# Downloads Debian packages $2… into $1 (no install), refreshing apt's lists once if needed.
fetch_debs() {
    local dir=$1
    shift
    mkdir -p "$dir"
    download() { (cd "$dir" && apt-get -q -o APT::Sandbox::User=root download "$@") >>"$LOG_DIR/build.log" 2>&1; }
    if ! download "$@"; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$LOG_DIR/apt.log" 2>&1 || true
        download "$@" || { log_tail "$LOG_DIR/build.log"; die "apt-get could not download $*"; }
    fi
}

# alpine: Alpine's busybox is built against musl with nearly every applet (Debian's
# busybox-static lacks those coreutils has, such as printenv, nohup, install and pgrep). Build
# Debian's busybox source (with Debian's patches) the same way: defconfig, static, musl-gcc.
# Once: the binary is kept in $MUSL_BUSYBOX (remove it to build again, about 2-8 minutes).
readonly MUSL_BUSYBOX="$STATE_DIR/busybox-musl/busybox"
musl_busybox() {
    local dir="$tmp_dir/busybox-musl" mirror suite patch multiarch kh hdr opt config
    [ -x "$MUSL_BUSYBOX" ] && return 0
    say "building BusyBox against musl for the alpine stand-in, once (log $LOG_DIR/build.log)"
    mkdir -p "$dir/lists" "$dir/cache" "$dir/tree" "$dir/kernel-headers"
    # the Debian mirror and release apt already uses on this machine, for the source package
    mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 1p)
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    printf 'deb-src %s %s main\n' "${mirror:-http://deb.debian.org/debian}" "$suite" >"$dir/sources.list"
    local apt=(apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o APT::Sandbox::User=root)
    if ! (cd "$dir" && "${apt[@]}" update && "${apt[@]}" source --download-only busybox) \
            >>"$LOG_DIR/build.log" 2>&1; then
        log_tail "$LOG_DIR/build.log"
        die "apt-get could not download the busybox source package (deb-src $mirror $suite)"
    fi
    tar -xjf "$dir"/busybox_*.orig.tar.bz2 -C "$dir/tree" --strip-components=1
    tar -xJf "$dir"/busybox_*.debian.tar.xz -C "$dir/tree"
    while read -r patch _; do
        case "$patch" in ''|'#'*) continue ;; esac
        patch -s -d "$dir/tree" -p1 <"$dir/tree/debian/patches/$patch" >>"$LOG_DIR/build.log" 2>&1 \
            || die "could not apply Debian's busybox patch $patch"
    done <"$dir/tree/debian/patches/series"
    # musl-gcc sees only musl's headers: give it the kernel's too (linux-libc-dev)
    kh="$dir/kernel-headers"
    multiarch=$(gcc -print-multiarch)
    ln -s "/usr/include/$multiarch/asm" "$kh/asm"
    for hdr in linux asm-generic mtd scsi sound video drm misc rdma xen; do
        if [ -d "/usr/include/$hdr" ]; then ln -s "/usr/include/$hdr" "$kh/$hdr"; fi
    done
    config="$dir/tree/.config"
    {
        make -C "$dir/tree" defconfig
        sed -i 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' "$config"
        # Alpine's applets beyond defconfig
        for opt in UNLZOP LZOPCAT BBCONFIG INOTIFYD RFKILL; do
            sed -i "s/^# CONFIG_$opt is not set/CONFIG_$opt=y/" "$config"
        done
        { yes "" || true; } | make -C "$dir/tree" oldconfig
        make -C "$dir/tree" -j"$(nproc)" CC="musl-gcc -isystem $kh" HOSTCC=gcc busybox
    } >>"$LOG_DIR/build.log" 2>&1 || { log_tail "$LOG_DIR/build.log"; die "could not build BusyBox against musl"; }
    mkdir -p "$(dirname "$MUSL_BUSYBOX")"
    cp "$dir/tree/busybox" "$MUSL_BUSYBOX.tmp" && mv "$MUSL_BUSYBOX.tmp" "$MUSL_BUSYBOX"
    rm -rf "$dir"
    say "built $MUSL_BUSYBOX ($("$MUSL_BUSYBOX" --list | wc -l) applets)"
}

# nginx: Debian's nginx binary and its libraries, nginx-common's mime.types and *_params, the
# official image's directories and log links (access.log to stdout, error.log to stderr).
add_nginx() { # rootfs ctx
    local rootfs=$1 ctx=$2 debs="$tmp_dir/nginx-debs" deb version file sum
    fetch_debs "$debs" nginx nginx-common
    for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$debs/root"; done
    copy_with_libs "$debs/root/usr/sbin/nginx" "$rootfs" /usr/sbin/nginx
    ln -s nginx "$rootfs/usr/sbin/nginx-debug"
    for file in mime.types fastcgi_params scgi_params uwsgi_params; do
        cp "$debs/root/etc/nginx/$file" "$rootfs/etc/nginx/$file"
    done
    mkdir -p "$rootfs/usr/lib/nginx/modules" "$rootfs/var/cache/nginx" "$rootfs/var/log/nginx" \
        "$rootfs/var/lib/nginx"
    ln -s /usr/lib/nginx/modules "$rootfs/etc/nginx/modules"
    ln -s /dev/stdout "$rootfs/var/log/nginx/access.log"
    ln -s /dev/stderr "$rootfs/var/log/nginx/error.log"
    version=$(dpkg-deb -f "$(ls "$debs"/nginx_*.deb)" Version)
    version=${version#*:}
    sed -i "s/@NGINX_VERSION@/${version%%-*}/; s/@PKG_RELEASE@/${version#*-}/" "$ctx/Dockerfile"
    sum=$(sha256sum <"$rootfs/etc/nginx/conf.d/default.conf" | cut -d' ' -f1)
    sed -i "s/@DEFAULT_CONF_SHA256@/$sum/" "$rootfs/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"
}

# hello-world: /hello is hello.c with the arch filled in, compiled statically (musl-gcc keeps
# it small, about 20 KiB like the real one; gcc -static is the fallback).
add_hello() { # rootfs
    local rootfs=$1 src="$tmp_dir/hello.c" cc=gcc
    command -v musl-gcc >/dev/null && cc=musl-gcc
    sed "s/@ARCH@/$(deb_to_docker_arch)/" "$SANDBOX_DIR/hello-world/hello.c" >"$src"
    if ! "$cc" -static -Os -s -o "$rootfs/hello" "$src" >>"$LOG_DIR/build.log" 2>&1; then
        log_tail "$LOG_DIR/build.log"
        die "could not compile hello-world's /hello with $cc"
    fi
}

# Assembles $1/rootfs for image $2 with base $3 (full, full-musl or bare), then the image's
# own files.
assemble_context() {
    local ctx=$1 name=$2 base=$3 rootfs=$1/rootfs applet dir busybox=/bin/busybox
    mkdir -p "$rootfs"
    if [ "$base" = full-musl ]; then
        musl_busybox
        busybox=$MUSL_BUSYBOX
    fi
    if [ "$base" != bare ]; then
        for dir in bin sbin etc home lib media mnt opt root run srv tmp usr/bin usr/sbin \
                usr/lib usr/share usr/local/bin usr/local/sbin usr/local/lib usr/local/share \
                var/cache var/lib var/local var/log var/mail var/opt var/spool var/tmp; do
            mkdir -p "$rootfs/$dir"
        done
        ln -s /run "$rootfs/var/run"
        chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
        chmod 700 "$rootfs/root"
        cp "$busybox" "$rootfs/bin/busybox"
        # what `busybox --install -s` does, done in the build context
        for applet in $("$busybox" --list-full); do
            case "$applet" in
                bin/busybox) ;;
                */*) ln -s /bin/busybox "$rootfs/$applet" ;;
            esac
        done
        cp -a "$SANDBOX_DIR/common/." "$rootfs/"
    fi
    if [ -d "$SANDBOX_DIR/$name/rootfs" ]; then
        cp -a "$SANDBOX_DIR/$name/rootfs/." "$rootfs/"
    fi
    cp "$SANDBOX_DIR/$name/Dockerfile" "$ctx/Dockerfile"
    case "$name" in
        hello-world) add_hello "$rootfs" ;;
        nginx) add_nginx "$rootfs" "$ctx" ;;
        registry)
            copy_with_libs "$REGISTRY_BIN" "$rootfs" /bin/registry
            mkdir -p "$rootfs/var/lib/registry" ;;
    esac
    # git keeps only the x bit: make every script executable, whatever the checkout did
    { grep -rlI '^#!' "$rootfs" 2>/dev/null || true; } | xargs -r chmod 755
}

forget_tag() { # ref: drop it from the cleanup list
    local keep=() r
    for r in "${made_tags[@]}"; do [ "$r" = "$1" ] || keep+=("$r"); done
    made_tags=("${keep[@]}")
}

undo_tag() { # ref: put it back as it was before this run (untag, or re-point)
    if [ -n "${restore_id[$1]:-}" ]; then
        docker tag "${restore_id[$1]}" "$1" >/dev/null
    elif docker image inspect "$1" >/dev/null 2>&1; then
        # (with the containerd image store, removing REPO@sha256:… also removed REPO:TAG)
        docker rmi "$1" >/dev/null
    fi
    forget_tag "$1"
}

make_tag() { # source ref: tag, remembering what ref pointed at before
    restore_id[$2]=$(docker image inspect -f '{{.Id}}' "$2" 2>/dev/null || true)
    made_tags+=("$2")
    docker tag "$1" "$2"
}

repo_digests() { # ref: the digest references (REPO@sha256:…) of the image it names
    docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$1"
}

push_to_mirror() { # build_ref ref log: push the image as ref, leaving no local tag or digest behind
    local build_ref=$1 ref=$2 log=$3 digest digests_before
    digests_before=$(repo_digests "$build_ref")
    make_tag "$build_ref" "$ref"
    if ! docker push "$ref" >>"$log" 2>&1; then
        log_tail "$log"
        die "could not push $ref"
    fi
    # The push also made a digest reference (REPO@sha256:…): drop it too, before the
    # tag (untagging the last tag of a repository would drop it, re-pointing would not).
    for digest in $(repo_digests "$build_ref"); do
        if ! grep -qxF "$digest" <<<"$digests_before"; then
            made_tags+=("$digest")
            undo_tag "$digest"
        fi
    done
    undo_tag "$ref"
}

build_and_push() { # name tags(comma-separated) base
    local name=$1 tags=$2 base=$3 ctx build_ref tag size pushed=()
    ctx="$tmp_dir/$name"
    assemble_context "$ctx" "$name" "$base"
    build_ref="docker-tutor-sandbox/$name:build-$$-$RANDOM"
    made_tags+=("$build_ref")
    printf '\n==== %s build %s\n' "$(date -Is)" "$build_ref" >>"$LOG_DIR/build.log"
    if ! DOCKER_BUILDKIT=0 docker build --force-rm -t "$build_ref" "$ctx" \
            >>"$LOG_DIR/build.log" 2>&1; then
        log_tail "$LOG_DIR/build.log"
        die "could not build the $name stand-in"
    fi
    for tag in ${tags//,/ }; do
        push_to_mirror "$build_ref" "$MIRROR_ADDR/library/$name:$tag" "$LOG_DIR/build.log"
        pushed+=("$name:$tag")
    done
    size=$(docker image inspect -f '{{.Size}}' "$build_ref")
    undo_tag "$build_ref"
    say "built and pushed ${pushed[*]} to the mirror ($(( size / 1024 )) KiB)"
}

stand_in_images() {
    local entry name tags base tag have present=()
    tmp_dir=$(mktemp -d /tmp/docker-tutor-sandbox.XXXXXX)
    for entry in "${IMAGES[@]}"; do
        read -r name tags base <<<"$entry"
        have=1
        for tag in ${tags//,/ }; do mirror_has "$name" "$tag" || have=0; done
        if [ "$have" = 1 ] && [ "$rebuild" = 0 ]; then
            for tag in ${tags//,/ }; do present+=("$name:$tag"); done
            continue
        fi
        build_and_push "$name" "$tags" "$base"
    done
    if [ ${#present[@]} -gt 0 ]; then
        say "stand-ins already in the mirror: ${present[*]}"
    fi
}

# ---- 6. the playground's node image -----------------------------------------------------
# `docker-tutor env up` runs nodes from docker:dind; with no Docker Hub, a Debian rootfs stands in
# for it (about 40 s to make, 600 MB): Debian 12's userland and runc with Engine 28.5 (dockerd,
# containerd, the CLI) from the unstable packages section 4 unpacks, and the official image's
# entrypoint convention (scripts/sandbox/dind/dockerd-entrypoint.sh: TLS on 2376 with certificates
# in $DOCKER_TLS_CERTDIR). NODE_IMAGE_REV names this recipe: a mirror holding an image of another
# recipe gets the new one.
readonly NODE_IMAGE_REV="engine-$ENGINE_28_VERSION-tls-2"
readonly NODE_IMAGE_REV_FILE="$STATE_DIR/node-image.rev"
node_image() {
    local rootfs build_ref mirror_uri engine="$ENGINES_DIR/engine-28"
    if mirror_has docker dind && [ "$rebuild" = 0 ] \
            && [ "$(cat "$NODE_IMAGE_REV_FILE" 2>/dev/null)" = "$NODE_IMAGE_REV" ]; then
        say "node image already in the mirror: docker:dind ($NODE_IMAGE_REV)"
        return
    fi
    fetch_engine_28
    [ -n "$tmp_dir" ] || tmp_dir=$(mktemp -d /tmp/docker-tutor-sandbox.XXXXXX)
    rootfs="$tmp_dir/dind-rootfs"
    # the Debian mirror apt already uses on this machine
    mirror_uri=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 1p)
    mirror_uri=${mirror_uri:-http://deb.debian.org/debian}
    say "building the node image docker:dind (debootstrap bookworm from $mirror_uri; log $LOG_DIR/dind.log)"
    printf '\n==== %s debootstrap\n' "$(date -Is)" >>"$LOG_DIR/dind.log"
    mkdir -p "$STATE_DIR/debootstrap-cache"
    if ! debootstrap --variant=minbase --include=docker.io,iptables,ca-certificates,procps,openssl \
            --cache-dir="$STATE_DIR/debootstrap-cache" \
            bookworm "$rootfs" "$mirror_uri" >>"$LOG_DIR/dind.log" 2>&1; then
        log_tail "$LOG_DIR/dind.log"
        die "could not make the node image's root filesystem"
    fi
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    # Engine 28 before Debian 12's 20.10 on PATH; Debian 12's runc runs its containers
    cp -a "$engine/usr/bin/." "$rootfs/usr/local/bin/"
    cp -a "$engine/usr/sbin/." "$rootfs/usr/local/sbin/"
    install -m 755 "$SANDBOX_DIR/dind/dockerd-entrypoint.sh" "$rootfs/usr/local/bin/dockerd-entrypoint.sh"
    mkdir -p "$rootfs/certs/client" && chmod 1777 "$rootfs/certs" "$rootfs/certs/client"
    build_ref="docker-tutor-sandbox/docker:build-$$-$RANDOM"
    made_tags+=("$build_ref")
    tar -C "$rootfs" -c . | docker import \
        -c 'ENTRYPOINT ["dockerd-entrypoint.sh"]' -c 'CMD []' \
        -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        -c 'ENV DOCKER_TLS_CERTDIR=/certs' \
        -c 'EXPOSE 2375/tcp 2376/tcp' -c 'VOLUME /var/lib/docker' \
        -c 'LABEL org.docker-tutor.stand-in=true' \
        - "$build_ref" >>"$LOG_DIR/dind.log"
    push_to_mirror "$build_ref" "$MIRROR_ADDR/library/docker:dind" "$LOG_DIR/dind.log"
    undo_tag "$build_ref"
    rm -rf "$rootfs"
    echo "$NODE_IMAGE_REV" >"$NODE_IMAGE_REV_FILE"
    say "built and pushed docker:dind ($NODE_IMAGE_REV) to the mirror"
}

# An engine keeps the docker:dind it pulled once, and `env up` pulls only a missing one: refresh it
# from the mirror, so a node image an older run of this script made is not used.
refresh_node_image() {
    if docker image inspect docker:dind >/dev/null 2>&1; then
        docker pull -q docker:dind >>"$LOG_DIR/dind.log" 2>&1 || die "could not pull docker:dind from the mirror"
        say "docker:dind on this engine is the mirror's"
    fi
}

# ---- 7. check ---------------------------------------------------------------------------
mirror_active() {
    docker info --format '{{range .RegistryConfig.Mirrors}}{{println .}}{{end}}' 2>/dev/null \
        | grep -x "$MIRROR_URL/\?" >/dev/null
}

check_mirror_in_use() {
    local pid
    if mirror_active; then
        say "docker info lists registry mirror $MIRROR_URL/"
        return
    fi
    # registry-mirrors is one of the options dockerd reloads on SIGHUP (no restart, no
    # container stops). Ask a local daemon to reload; otherwise it must be restarted.
    pid=$(cat "$DOCKER_PIDFILE" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] && same_pidns "$pid"; then
        kill -HUP "$pid"
        for _ in $(seq 20); do
            if mirror_active; then
                say "asked dockerd (pid $pid) to reload $DAEMON_JSON (SIGHUP): docker info lists registry mirror $MIRROR_URL/"
                return
            fi
            sleep 0.25
        done
    fi
    die "dockerd does not use the registry mirror yet: restart dockerd so that it reads $DAEMON_JSON (see docker info, Registry Mirrors)"
}

summary() {
    local entry name tags base tag served=() missing=()
    for entry in "${IMAGES[@]}"; do
        read -r name tags base <<<"$entry"
        for tag in ${tags//,/ }; do
            if mirror_has "$name" "$tag"; then served+=("$name:$tag"); else missing+=("$name:$tag"); fi
        done
    done
    [ ${#missing[@]} -eq 0 ] || die "the mirror lacks ${missing[*]}"
    say "ready in $(elapsed) s: Engine $(daemon_version); through the mirror, docker pull ${served[*]}"
    echo "DOCKER_HOST=$DOCKER_URL"
}

# The engine on $DOCKER_URL that builds the stand-ins for a side daemon: the one this script left
# running (a daemon it did not start is used as it is), else Engine 28.
builder_engine() {
    local version running
    if version=$(daemon_version); then
        running=$(engine_of_version "$version")
        if [ "$running" != other ]; then echo "$running"; return; fi
    fi
    cat "$ENGINE_FILE" 2>/dev/null || echo 28
}

install_packages
stop_packaged_registry
start_mirror
case "$engine" in
    podman|rootless)
        side=$engine
        engine=$(builder_engine)
        configure_daemon_json
        ensure_engine
        stand_in_images
        check_mirror_in_use
        # shellcheck source=/dev/null # one file per side daemon, sourced for its ensure_NAME
        . "$SANDBOX_DIR/engines/$side.sh"
        "ensure_$side" # prints DOCKER_HOST=<url> last
        ;;
    *)
        configure_daemon_json
        ensure_engine
        stand_in_images
        node_image
        refresh_node_image
        check_mirror_in_use
        summary
        ;;
esac
