# shellcheck shell=bash
# Sourced by scripts/docker-sandbox.sh --engine podman, after the mirror and the stand-ins are ready.
# Defines ensure_podman: idempotent; prints DOCKER_HOST=<url> as its last line.
#
# ensure_podman runs Podman 5 (what learners install today) as a Docker-compatible daemon on a socket
# of its own, beside whatever engine answers on /var/run/docker.sock:
#  1. fetches Podman $PODMAN_VERSION and its helpers from Debian 13 (trixie) with apt-get download into
#     $STATE_DIR/apt-trixie (the system's apt sources and package state are not touched) and unpacks
#     them with dpkg-deb -x into $ENGINES_DIR/podman-5, once;
#  2. podman, conmon and netavark need glibc 2.38/2.39 and this Debian 12 has 2.36: trixie's glibc is
#     unpacked beside them and Debian 12's patchelf (unpacked, not installed) points those three at
#     it (their ELF interpreter and an RPATH to the folder); the system's programs keep their own
#     libc. aardvark-dns and catatonit run as they are. Containers run with Debian 12's runc
#     (/usr/sbin/runc): trixie's needs glibc 2.38 too, and crun fails here ("cgroups in hybrid mode
#     not supported");
#  3. writes its configuration under $STATE_DIR/podman, read through CONTAINERS_CONF,
#     CONTAINERS_STORAGE_CONF, CONTAINERS_REGISTRIES_CONF and a HOME of its own, so it shares
#     nothing with /etc/containers or /var/lib/containers but the signature policy (root's Podman
#     reads only /etc/containers/policy.json: the package's is put there when none is): runc, ulimits this machine
#     allows, storage of its own, docker.io through the loopback mirror, localhost insecure (the
#     one thing shared is netavark's /run/containers/networks, fixed for every rootful Podman by
#     design: they share the host's network namespace and the podman0 bridge, so one address book);
#  4. gives the stand-ins in the mirror OCI layer media types where Engine 28's push left Docker's
#     in an OCI manifest (Podman's build refuses that mix as a base image);
#  5. starts `podman system service` on $PODMAN_URL unless it answers already (restarts the one it
#     started when its configuration changed), waits for /_ping.
# Logs: $LOG_DIR/podman.log (the service), $LOG_DIR/apt.log (the fetch).

readonly PODMAN_VERSION=5.4.2
readonly PODMAN_SUITE=trixie
readonly PODMAN_ROOT="$ENGINES_DIR/podman-5"
readonly PODMAN_LIBS="$PODMAN_ROOT/usr/lib/x86_64-linux-gnu"
readonly PODMAN_HELPERS="$PODMAN_ROOT/usr/lib/podman"
readonly PODMAN_CONF_DIR="$STATE_DIR/podman"
readonly PODMAN_RUN_DIR=/run/docker-tutor-podman
readonly PODMAN_SOCKET="$PODMAN_RUN_DIR/podman.sock"
readonly PODMAN_URL="unix://$PODMAN_SOCKET"
readonly PODMAN_PIDFILE="$STATE_DIR/podman.pid"
readonly PODMAN_LOG="$LOG_DIR/podman.log"
# podman and its helpers, then the libraries of trixie that podman, conmon and netavark load and
# Debian 12 lacks or has too old (glibc 2.41, gpgme, libsubid, glib, …)
readonly PODMAN_PACKAGES=(podman conmon netavark aardvark-dns catatonit golang-github-containers-common
    libc6 libgpgme11t64 libassuan9 libgpg-error0 libsubid5 libsqlite3-0 libseccomp2 libglib2.0-0t64)
# the binaries that need trixie's glibc
readonly PODMAN_RELINKED=(usr/bin/podman usr/bin/conmon usr/lib/podman/netavark)

podman_answers() { curl -sf -m 3 --unix-socket "$PODMAN_SOCKET" http://d/_ping 2>/dev/null | grep -qx OK; }

podman_unpacked_version() { # the version of the podman in $1, if it runs
    "$1/usr/bin/podman" --version 2>/dev/null | sed -n 's/^podman version //p'
}

# Checks that each relinked binary finds every library and symbol it needs (LD_BIND_NOW resolves
# them all at start, not at the first call) and runs.
check_relinked() { # root
    local bin out
    for bin in "${PODMAN_RELINKED[@]}" usr/lib/podman/aardvark-dns; do
        if ! out=$(LD_BIND_NOW=1 "$1/$bin" --version 2>&1); then
            printf '%s\n' "$out" >>"$LOG_DIR/apt.log"
            die "$(basename "$bin") from Debian $PODMAN_SUITE does not run on this system: $(printf '%s' "$out" | head -n 1)"
        fi
    done
}

fetch_podman() {
    local apt_dir="$STATE_DIR/apt-$PODMAN_SUITE" deb version bin tools
    if [ "$(podman_unpacked_version "$PODMAN_ROOT")" = "$PODMAN_VERSION" ]; then
        say "Podman $PODMAN_VERSION already unpacked in $PODMAN_ROOT"
        return
    fi
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
    echo "deb http://deb.debian.org/debian $PODMAN_SUITE main" >"$apt_dir/sources.list"
    local apt_opts=(-q -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
    say "fetching Podman and its helpers from Debian $PODMAN_SUITE (log $LOG_DIR/apt.log)"
    rm -f "$apt_dir"/debs/*.deb
    if ! { apt-get "${apt_opts[@]}" update \
            && (cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download "${PODMAN_PACKAGES[@]}"); } \
            >>"$LOG_DIR/apt.log" 2>&1; then
        log_tail "$LOG_DIR/apt.log"
        die "could not fetch ${PODMAN_PACKAGES[*]} from Debian $PODMAN_SUITE"
    fi
    rm -rf "$PODMAN_ROOT.tmp"
    mkdir -p "$PODMAN_ROOT.tmp"
    for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$PODMAN_ROOT.tmp"; done

    [ -n "$tmp_dir" ] || tmp_dir=$(mktemp -d /tmp/docker-tutor-sandbox.XXXXXX)
    tools="$tmp_dir/patchelf"
    fetch_debs "$tools" patchelf
    dpkg-deb -x "$(ls "$tools"/patchelf_*.deb)" "$tools/root"
    # the folder's final path: the interpreter and RPATH are absolute
    for bin in "${PODMAN_RELINKED[@]}"; do
        "$tools/root/usr/bin/patchelf" --set-interpreter "$PODMAN_LIBS/ld-linux-x86-64.so.2" \
            --force-rpath --set-rpath "$PODMAN_LIBS" "$PODMAN_ROOT.tmp/$bin" \
            || die "patchelf could not point $bin at Debian $PODMAN_SUITE's glibc"
    done
    rm -rf "$PODMAN_ROOT"
    mv "$PODMAN_ROOT.tmp" "$PODMAN_ROOT"
    check_relinked "$PODMAN_ROOT"
    version=$(podman_unpacked_version "$PODMAN_ROOT")
    [ "$version" = "$PODMAN_VERSION" ] \
        || die "Debian $PODMAN_SUITE now has Podman $version, not $PODMAN_VERSION: update PODMAN_VERSION in $SANDBOX_DIR/engines/podman.sh"
    say "unpacked Podman $version in $PODMAN_ROOT (podman, conmon and netavark use $PODMAN_SUITE's glibc in $PODMAN_LIBS)"
}

config_changed=0
write_config() { # path: stdin to path, atomically; sets config_changed=1 if it differs
    cat >"$1.tmp"
    if cmp -s "$1.tmp" "$1"; then
        rm -f "$1.tmp"
    else
        mv "$1.tmp" "$1"
        config_changed=1
    fi
}

write_podman_config() {
    local dir=$PODMAN_CONF_DIR
    mkdir -p "$dir/storage" "$dir/networks" "$dir/home/.config/containers" "$PODMAN_RUN_DIR"
    # runc and the ulimits: without CAP_SYS_RESOURCE in this machine's bounding set, runc cannot
    # raise NPROC/NOFILE to Podman's defaults ("setrlimit RLIMIT_NPROC: operation not permitted").
    # The sysctl is the one setting of Debian's /usr/share/containers/containers.conf (ping without
    # CAP_NET_RAW, as a learner's Podman has it): with CONTAINERS_CONF only this file is read.
    # The capabilities are Podman's defaults plus NET_RAW, for the stand-ins only: Alpine patches
    # its busybox ping to fall back to that ICMP datagram socket, the alpine stand-in's busybox
    # opens a raw socket only, so lesson 4's `ping` would fail here where a learner's works.
    write_config "$dir/containers.conf" <<EOF
# Written by docker-tutor's scripts/docker-sandbox.sh --engine podman (read through CONTAINERS_CONF)
[containers]
default_ulimits = ["nproc=1024:1024", "nofile=1024:1024"]
default_sysctls = ["net.ipv4.ping_group_range=0 0"]
default_capabilities = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "NET_BIND_SERVICE",
    "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT", "NET_RAW"]
init_path = "$PODMAN_ROOT/usr/bin/catatonit"
seccomp_profile = "$PODMAN_ROOT/usr/share/containers/seccomp.json"

[network]
network_backend = "netavark"
network_config_dir = "$dir/networks"
firewall_driver = "iptables"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
conmon_path = ["$PODMAN_ROOT/usr/bin/conmon"]
helper_binaries_dir = ["$PODMAN_HELPERS", "$PODMAN_ROOT/usr/libexec/podman"]
tmp_dir = "$PODMAN_RUN_DIR/libpod"

[engine.runtimes]
runc = ["/usr/sbin/runc"]
EOF
    write_config "$dir/storage.conf" <<EOF
# Written by docker-tutor's scripts/docker-sandbox.sh --engine podman (CONTAINERS_STORAGE_CONF)
[storage]
driver = "overlay"
graphroot = "$dir/storage"
runroot = "$PODMAN_RUN_DIR/storage"
EOF
    # docker.io through the loopback mirror; localhost (any port) over plain HTTP, as Docker allows
    # for 127.0.0.0/8, so the lessons' push to a registry container on localhost:PORT can be tried.
    write_config "$dir/registries.conf" <<EOF
# Written by docker-tutor's scripts/docker-sandbox.sh --engine podman (CONTAINERS_REGISTRIES_CONF)
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"

[[registry]]
prefix = "docker.io"
location = "docker.io"

[[registry.mirror]]
location = "$MIRROR_ADDR"
insecure = true

[[registry]]
location = "localhost"
insecure = true

[[registry]]
location = "127.0.0.1"
insecure = true
EOF
    # the package's policy.json (accept any image). Podman as root reads the signature policy (a
    # commit, a pull, a push) from /etc/containers/policy.json only, never from its HOME (seen with
    # strace: `docker commit` failed with "open /etc/containers/policy.json: no such file"), so it
    # is put there as the containers-common package would install it, unless one is there already.
    write_config "$dir/home/.config/containers/policy.json" <"$PODMAN_ROOT/etc/containers/policy.json"
    if [ ! -e /etc/containers/policy.json ]; then
        mkdir -p /etc/containers
        cp "$PODMAN_ROOT/etc/containers/policy.json" /etc/containers/policy.json
        say "wrote /etc/containers/policy.json (the package's: accept any image), where Podman as root reads it"
    fi
}

readonly OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json
readonly DOCKER_GZIP_LAYER=application/vnd.docker.image.rootfs.diff.tar.gzip
readonly OCI_GZIP_LAYER=application/vnd.oci.image.layer.v1.tar+gzip

# Engine 28's push from the containerd image store writes the stand-ins as OCI manifests whose
# layers keep Docker's media type, a mix no real image has. Podman pulls and runs them, but its
# build refuses them as a base ("unsupported MIME type for compression"). The same bytes under the
# OCI layer type are what Docker Hub serves: each such stand-in tag in the mirror gets that manifest
# (its config, so its image ID, stays the same; Docker pulls it as well).
oci_layers_in_mirror() {
    local entry name tags tag manifest fixed=()
    for entry in "${IMAGES[@]}"; do
        read -r name tags _ <<<"$entry"
        for tag in ${tags//,/ }; do
            manifest=$(curl -sf -m 10 -H "Accept: $MANIFEST_TYPES" "$MIRROR_URL/v2/library/$name/manifests/$tag") \
                || die "could not read the manifest of $name:$tag from the mirror $MIRROR_URL"
            if ! grep -q "\"$OCI_MANIFEST\"" <<<"$manifest" || ! grep -q "\"$DOCKER_GZIP_LAYER\"" <<<"$manifest"; then
                continue
            fi
            printf '%s' "${manifest//\"$DOCKER_GZIP_LAYER\"/\"$OCI_GZIP_LAYER\"}" \
                | curl -sf -m 10 -o /dev/null -X PUT -H "Content-Type: $OCI_MANIFEST" --data-binary @- \
                    "$MIRROR_URL/v2/library/$name/manifests/$tag" \
                || die "could not put the OCI-typed manifest of $name:$tag into the mirror $MIRROR_URL"
            fixed+=("$name:$tag")
        done
    done
    [ ${#fixed[@]} -eq 0 ] || say "gave ${fixed[*]} in the mirror OCI layer types (same layers), which Podman's build takes as a base"
}

started_podman_pid() { # the pid of the podman service this script started, if it still runs
    local pid
    pid=$(cat "$PODMAN_PIDFILE" 2>/dev/null || true)
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = podman ] && same_pidns "$pid" && echo "$pid"
}

server_version() { # the Podman version the socket reports (/_ping's header: /version takes 2 s)
    curl -s -m 3 -D - -o /dev/null --unix-socket "$PODMAN_SOCKET" http://d/_ping 2>/dev/null \
        | tr -d '\r' | sed -n 's/^Libpod-Api-Version: *//Ip'
}

start_podman() {
    local pid
    if [ -S "$PODMAN_SOCKET" ]; then
        [ -z "$(started_podman_pid || true)" ] \
            || die "the podman service this script started (pid $(started_podman_pid)) does not answer on $PODMAN_SOCKET; see $PODMAN_LOG, stop it, then run this again"
        rm -f "$PODMAN_SOCKET"
    fi
    printf '\n==== %s docker-sandbox.sh starts Podman %s\n' "$(date -Is)" "$PODMAN_VERSION" >>"$PODMAN_LOG"
    # From /: conmon, which the service starts for every container, fails ("Failed to get working
    # directory") once the folder the service was started in is removed, such as a finished CI clone.
    (
        cd / || exit 1
        CONTAINERS_CONF="$PODMAN_CONF_DIR/containers.conf" \
            CONTAINERS_STORAGE_CONF="$PODMAN_CONF_DIR/storage.conf" \
            CONTAINERS_REGISTRIES_CONF="$PODMAN_CONF_DIR/registries.conf" \
            HOME="$PODMAN_CONF_DIR/home" XDG_CONFIG_HOME="$PODMAN_CONF_DIR/home/.config" \
            setsid nohup "$PODMAN_ROOT/usr/bin/podman" system service --time=0 "$PODMAN_URL" \
            >>"$PODMAN_LOG" 2>&1 </dev/null 9>&- &
        echo $! >"$PODMAN_PIDFILE"
    )
    pid=$(cat "$PODMAN_PIDFILE")
    for _ in $(seq 120); do
        if podman_answers; then
            say "started Podman $(server_version) at $PODMAN_URL (pid $pid, config $PODMAN_CONF_DIR, log $PODMAN_LOG)"
            return
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    log_tail "$PODMAN_LOG"
    if kill -0 "$pid" 2>/dev/null; then
        die "podman system service (pid $pid) did not answer on $PODMAN_SOCKET within 30 s (left running)"
    fi
    die "podman system service exited at start (see $PODMAN_LOG)"
}

stop_started_podman() { # pid: the service only; conmon keeps its containers running
    kill -TERM "$1"
    for _ in $(seq 60); do
        kill -0 "$1" 2>/dev/null || { rm -f "$PODMAN_PIDFILE"; return; }
        sleep 0.25
    done
    die "the podman service (pid $1, started by this script) did not stop within 15 s"
}

ensure_podman() {
    local pid
    fetch_podman
    write_podman_config
    oci_layers_in_mirror
    if podman_answers; then
        pid=$(started_podman_pid || true)
        local why=
        if [ -n "$pid" ] && [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == *" (deleted)" ]]; then
            # started before it was started from /: its folder is gone, and conmon fails in it
            why="its working folder was removed, where conmon fails for every container"
        elif [ -n "$pid" ] && [ "$config_changed" = 1 ]; then
            why="to read the changed $PODMAN_CONF_DIR"
        fi
        if [ -z "$why" ]; then
            [ "$config_changed" = 0 ] \
                || say "$PODMAN_CONF_DIR changed, but the podman service on $PODMAN_SOCKET is not one this script started: it keeps the configuration it started with"
            say "Podman $(server_version) already answering at $PODMAN_URL"
            say "ready in $(elapsed) s: Podman on $PODMAN_URL pulls docker.io images through $MIRROR_URL"
            echo "DOCKER_HOST=$PODMAN_URL"
            return
        fi
        say "restarting the podman service (pid $pid, started by this script): $why; containers keep running"
        stop_started_podman "$pid"
    fi
    start_podman
    say "ready in $(elapsed) s: Podman on $PODMAN_URL pulls docker.io images through $MIRROR_URL"
    echo "DOCKER_HOST=$PODMAN_URL"
}
