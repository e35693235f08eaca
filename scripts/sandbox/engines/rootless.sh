# shellcheck shell=bash
# Sourced by scripts/docker-sandbox.sh --engine rootless, after the mirror and the stand-ins are ready.
# Defines ensure_rootless: idempotent; prints DOCKER_HOST=<url> as its last line.
#
# Rootless Docker as a learner without root has it: an unprivileged user runs dockerd inside
# RootlessKit's user, mount and network namespaces (Debian 12's rootlesskit, slirp4netns and
# uidmap), started by the Engine's own dockerd-rootless.sh. Engine 28.5 (unpacked by the main
# script, with Debian 12's runc) is preferred; Debian 12's 20.10 is the fallback when 28 will not
# start. Docs: https://docs.docker.com/engine/security/rootless/

readonly ROOTLESS_USER=tutor-rootless
readonly ROOTLESS_PACKAGES=(rootlesskit uidmap slirp4netns)
readonly ROOTLESS_PIDFILE="$STATE_DIR/rootless.pid" # RootlessKit's pid (dockerd is its child)
readonly ROOTLESS_ENV_FILE="$STATE_DIR/rootless.env" # read by scripts/as-rootless-user.sh
readonly ROOTLESS_LOG="$LOG_DIR/rootless-dockerd.log"
# Inside RootlessKit's network namespace 127.0.0.1 is the namespace's own loopback; slirp4netns
# shows the host's at 10.0.2.2 once host loopback is allowed (dockerd-rootless.sh disables it by
# default). A mirror given as http:// needs no insecure-registries entry (measured).
readonly ROOTLESS_MIRROR_ADDR="10.0.2.2:${MIRROR_ADDR##*:}"

rootless_install_packages() {
    local pkg missing=()
    for pkg in "${ROOTLESS_PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = 'install ok installed' ] || missing+=("$pkg")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    say "installing ${missing[*]} for rootless Docker (apt-get; log $LOG_DIR/apt.log)"
    # (another apt-get may hold dpkg's lock: wait for it rather than fail)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q \
            && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${missing[@]}"; } \
            >>"$LOG_DIR/apt.log" 2>&1; then
        log_tail "$LOG_DIR/apt.log"
        die "apt-get could not install ${missing[*]} (rootless Docker needs them)"
    fi
}

# The end of the last subordinate id range in FILE (/etc/subuid or /etc/subgid), at least 100000.
last_subid_end() {
    awk -F: 'BEGIN { end = 100000 } NF >= 3 && $2 + $3 > end { end = $2 + $3 } END { print end }' "$1" 2>/dev/null \
        || echo 100000
}

# The user, with 65536 subordinate uids and gids for the containers' users (newuidmap maps them).
rootless_user() {
    local start
    if ! id -u "$ROOTLESS_USER" >/dev/null 2>&1; then
        useradd --create-home --shell /usr/sbin/nologin --comment "docker-tutor rootless Docker" "$ROOTLESS_USER" \
            || die "could not create the user $ROOTLESS_USER (useradd)"
        say "created the user $ROOTLESS_USER for rootless Docker"
    fi
    if ! grep -q "^$ROOTLESS_USER:" /etc/subuid 2>/dev/null; then
        start=$(last_subid_end /etc/subuid)
        usermod --add-subuids "$start-$((start + 65535))" "$ROOTLESS_USER" \
            || die "could not give $ROOTLESS_USER subordinate uids in /etc/subuid (usermod --add-subuids)"
        say "gave $ROOTLESS_USER subordinate uids $start-$((start + 65535)) in /etc/subuid"
    fi
    if ! grep -q "^$ROOTLESS_USER:" /etc/subgid 2>/dev/null; then
        start=$(last_subid_end /etc/subgid)
        usermod --add-subgids "$start-$((start + 65535))" "$ROOTLESS_USER" \
            || die "could not give $ROOTLESS_USER subordinate gids in /etc/subgid (usermod --add-subgids)"
        say "gave $ROOTLESS_USER subordinate gids $start-$((start + 65535)) in /etc/subgid"
    fi
}

# slirp4netns opens /dev/net/tun as the user: 0666 is its usual mode, some machines have 0600.
rootless_tun() {
    [ -c /dev/net/tun ] || die "/dev/net/tun is missing: load the tun module (modprobe tun) for slirp4netns"
    if [ "$(stat -c %a /dev/net/tun)" != 666 ]; then
        chmod 666 /dev/net/tun || die "could not make /dev/net/tun usable by $ROOTLESS_USER (chmod 666)"
        say "made /dev/net/tun mode 0666 (its usual mode): slirp4netns opens it as $ROOTLESS_USER"
    fi
}

# r_as: the command prefix that runs a command as the user, with only the environment a login
# would give it (the caller's is not passed on); VAR=value words after it add to that.
rootless_identity() {
    r_uid=$(id -u "$ROOTLESS_USER")
    r_gid=$(id -g "$ROOTLESS_USER")
    r_home=$(getent passwd "$ROOTLESS_USER" | cut -d: -f6)
    r_runtime="/run/user/$r_uid"
    r_url="unix://$r_runtime/docker.sock"
    r_as=(setpriv "--reuid=$r_uid" "--regid=$r_gid" --init-groups -- env -i "HOME=$r_home" "USER=$ROOTLESS_USER"
        "LOGNAME=$ROOTLESS_USER" "XDG_RUNTIME_DIR=$r_runtime" LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin)
}

# XDG_RUNTIME_DIR, which no login manager makes here: dockerd-rootless.sh needs it, and the
# daemon's socket goes there.
rootless_runtime_dir() {
    mkdir -p "$r_runtime"
    chown "$r_uid:$r_gid" "$r_runtime"
    chmod 700 "$r_runtime"
}

rootless_config() {
    local dir="$r_home/.config/docker" file
    file="$dir/daemon.json"
    "${r_as[@]}" mkdir -p "$dir"
    cat >"$file.tmp" <<EOF
{
  "registry-mirrors": ["http://$ROOTLESS_MIRROR_ADDR"]
}
EOF
    chown "$r_uid:$r_gid" "$file.tmp"
    mv "$file.tmp" "$file"
}

rootless_answers() { DOCKER_HOST="$r_url" timeout 15 docker version --format '{{.Server.Version}}' 2>/dev/null; }

rootless_pid() { # the RootlessKit this script started, if it still runs
    local pid
    pid=$(cat "$ROOTLESS_PIDFILE" 2>/dev/null || true)
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = rootlesskit ] && same_pidns "$pid" && echo "$pid"
}

user_rootlesskits() { # pids of the user's RootlessKit processes
    local pid
    for pid in $(host_pids rootlesskit); do
        if [ "$(stat -c %u "/proc/$pid" 2>/dev/null)" = "$r_uid" ]; then echo "$pid"; fi
    done
}

# A RootlessKit that is gone (killed, machine stopped; /run is not always a tmpfs) leaves dockerd's
# pid file, its socket and RootlessKit's state behind; a dockerd whose pid file names a live process
# (the pid reused since) refuses to start.
rootless_remove_stale() {
    [ -z "$(user_rootlesskits)" ] || return 0
    rm -rf "$r_runtime/docker.pid" "$r_runtime/docker.sock" "$r_runtime/dockerd-rootless"
    rm -f "$ROOTLESS_PIDFILE"
}

# Starts engine 28 or 20 in the background and waits until it answers (sets r_version); false if it
# exits at start or stays silent for 60 s.
rootless_start() {
    local engine=$1 bin script pid settings=()
    if [ "$engine" = 28 ]; then
        bin="$ENGINES_DIR/engine-28/usr/sbin:$ENGINES_DIR/engine-28/usr/bin"
        script="$ENGINES_DIR/engine-28/usr/share/docker.io/contrib/dockerd-rootless.sh"
        settings=(DOCKERD_ROOTLESS_ROOTLESSKIT_DISABLE_HOST_LOOPBACK=false)
    else
        bin=/usr/sbin:/usr/bin
        script=/usr/share/docker.io/contrib/dockerd-rootless.sh
        # 20.10's script always passes --disable-host-loopback and no state dir; its extra flags come
        # after, and the last of a flag wins
        settings=("DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS=--disable-host-loopback=false --state-dir=$r_runtime/dockerd-rootless")
    fi
    [ -f "$script" ] || die "$script is missing (Engine $engine's dockerd-rootless.sh)"
    printf '\n==== %s docker-sandbox.sh starts rootless Engine %s as %s\n' "$(date -Is)" "$engine" "$ROOTLESS_USER" \
        >>"$ROOTLESS_LOG"
    # Each command execs the next, and the script execs RootlessKit: $! is RootlessKit's pid. The
    # log is root's file: the user writes to it through the descriptor it inherits.
    (
        cd "$r_home" || die "$ROOTLESS_USER's home $r_home is missing"
        setsid nohup "${r_as[@]}" "${settings[@]}" "PATH=$bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
            sh "$script" >>"$ROOTLESS_LOG" 2>&1 </dev/null 9>&- &
        echo $! >"$ROOTLESS_PIDFILE"
    )
    pid=$(cat "$ROOTLESS_PIDFILE")
    for _ in $(seq 120); do
        if r_version=$(rootless_answers); then return 0; fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}

rootless_stop_started() { # pid: stop the RootlessKit this script started (its dockerd goes with it)
    kill -TERM "$1" 2>/dev/null || return 0
    for _ in $(seq 60); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.5
    done
    die "the rootless daemon this script started (RootlessKit pid $1) did not stop within 30 s"
}

# The last error the last start wrote to the log: dockerd's level=error or fatal msg="…", or
# RootlessKit's "[rootlesskit:parent] error: …".
rootless_failure() {
    awk '/^==== / { n = 0; next } { last[++n] = $0 } END { for (i = 1; i <= n; i++) print last[i] }' "$ROOTLESS_LOG" 2>/dev/null \
        | { grep -E 'level=(error|fatal)|^\[rootlesskit:[a-z]+\] error' || true; } | tail -n 1 \
        | sed -E 's/^.*msg="(([^"\\]|\\.)*)".*$/\1/; s/^\[rootlesskit:[a-z]+\] error: //' | cut -c1-200
}

rootless_start_any() { # starts Engine 28, or 20.10 when 28 will not start rootless here
    local pid reason
    rootless_remove_stale
    if rootless_start 28; then return; fi
    reason=$(rootless_failure)
    pid=$(rootless_pid || true)
    [ -z "$pid" ] || rootless_stop_started "$pid"
    log_tail "$ROOTLESS_LOG"
    say "Engine $ENGINE_28_VERSION would not run rootless here (${reason:-no answer within 60 s}): falling back to Debian 12's Engine 20.10"
    rootless_remove_stale
    if ! rootless_start 20; then
        log_tail "$ROOTLESS_LOG"
        pid=$(rootless_pid || true)
        if [ -n "$pid" ]; then
            die "the rootless dockerd (RootlessKit pid $pid) did not answer at $r_url within 60 s (left running; log $ROOTLESS_LOG)"
        fi
        die "neither Engine $ENGINE_28_VERSION nor 20.10 starts rootless here: $(rootless_failure) (log $ROOTLESS_LOG)"
    fi
}

# rootless, using the mirror, and the mirror answering inside RootlessKit's network namespace
rootless_check() {
    local info child
    info=$(DOCKER_HOST="$r_url" docker info --format '{{json .SecurityOptions}} {{range .RegistryConfig.Mirrors}}{{.}} {{end}}' 2>/dev/null)
    [[ "$info" == *name=rootless* ]] \
        || die "the daemon at $r_url does not run rootless (docker info's SecurityOptions: ${info%% *})"
    [[ " $info " == *" http://$ROOTLESS_MIRROR_ADDR"?(/)" "* ]] \
        || die "the rootless daemon does not use the registry mirror http://$ROOTLESS_MIRROR_ADDR: stop it and run this again, so that it reads $r_home/.config/docker/daemon.json"
    child=$(cat "$r_runtime/dockerd-rootless/child_pid" 2>/dev/null || true)
    if [ -n "$child" ] && ! nsenter -t "$child" -n curl -sf -m 3 -o /dev/null "http://$ROOTLESS_MIRROR_ADDR/v2/"; then
        die "the registry mirror does not answer at http://$ROOTLESS_MIRROR_ADDR/v2/ inside RootlessKit's network namespace (the daemon was started with host loopback disabled): stop it and run this again"
    fi
}

# What scripts/as-rootless-user.sh needs to run a command as the daemon's user.
rootless_write_env() {
    cat >"$ROOTLESS_ENV_FILE.tmp" <<EOF
ROOTLESS_USER=$ROOTLESS_USER
ROOTLESS_UID=$r_uid
ROOTLESS_GID=$r_gid
ROOTLESS_HOME=$r_home
ROOTLESS_RUNTIME_DIR=$r_runtime
ROOTLESS_DOCKER_HOST=$r_url
EOF
    mv "$ROOTLESS_ENV_FILE.tmp" "$ROOTLESS_ENV_FILE"
}

ensure_rootless() {
    local pid
    rootless_install_packages
    rootless_user
    rootless_identity
    rootless_runtime_dir
    rootless_tun
    [ -x "$ENGINES_DIR/engine-28/usr/sbin/dockerd" ] || fetch_engine_28
    rootless_config
    if pid=$(rootless_pid) && r_version=$(rootless_answers); then
        say "rootless Engine $r_version already answering at $r_url (RootlessKit pid $pid, user $ROOTLESS_USER)"
    elif r_version=$(rootless_answers); then
        say "a rootless daemon this script did not start answers at $r_url (Engine $r_version): using it"
    elif pid=$(user_rootlesskits | paste -sd' ') && [ -n "$pid" ]; then
        # RootlessKit runs but its dockerd does not answer (yet): it may still be starting. Never kill it.
        say "RootlessKit (pid $pid) runs as $ROOTLESS_USER but its dockerd does not answer yet; waiting up to 60 s"
        for _ in $(seq 120); do
            r_version=$(rootless_answers) && break
            sleep 0.5
        done
        [ -n "$r_version" ] || die "RootlessKit (pid $pid) runs as $ROOTLESS_USER but no dockerd answers at $r_url (log $ROOTLESS_LOG); this script does not kill a daemon it did not start: stop it, then run this again"
    else
        rootless_start_any
        say "started rootless Engine $r_version as $ROOTLESS_USER at $r_url (RootlessKit pid $(rootless_pid), log $ROOTLESS_LOG)"
    fi
    rootless_check
    rootless_write_env
    say "ready in $(elapsed) s: rootless Engine $r_version as $ROOTLESS_USER; docker pull goes through the mirror at http://$ROOTLESS_MIRROR_ADDR"
    echo "DOCKER_HOST=$r_url"
}
