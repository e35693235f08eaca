#!/usr/bin/env bash
# as-rootless-user.sh: runs a command as the user of the sandbox's rootless Docker daemon, against
# that daemon, as a learner without root runs docker-tutor. The tutor must run as the daemon's user:
# a folder a root-run tutor keeps under /root (lesson 3's bind-mounted workspace) is one the rootless
# daemon cannot read.
#
#   scripts/docker-sandbox.sh --engine rootless      # once: the daemon and its user
#   scripts/as-rootless-user.sh node bin/docker-tutor.js test 1 2 3 4 --junit .ci-results/rootless.xml
#
# Run as root. The command runs with a login's environment only (HOME, USER, XDG_RUNTIME_DIR,
# DOCKER_HOST, PATH, LANG, and TERM, CI, NO_COLOR, FORCE_COLOR, COLUMNS when set), in this project
# when the user can read it, else in a copy the user owns (bin/, dist/, lessons/, package.json,
# node_modules/, refreshed on each run; node_modules only when its lock file changed). The files
# that --junit FILE and --report FILE name are written in a folder of the user's, then copied to
# FILE (relative to the caller's directory). The exit code is the command's; 125 if this script fails.
set -euo pipefail

readonly ENV_FILE=/var/lib/docker-tutor-sandbox/rootless.env # written by the sandbox's ensure_rootless
readonly PASSED_ON=(TERM CI NO_COLOR FORCE_COLOR COLUMNS)
readonly OUTPUT_OPTIONS=(--junit --report) # options whose value is a file the command writes
project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly project

die() { printf 'as-rootless-user: error: %s\n' "$*" >&2; exit 125; }

[ $# -gt 0 ] || die "give the command to run, e.g. scripts/as-rootless-user.sh node bin/docker-tutor.js doctor"
[ "$(id -u)" = 0 ] || die "run this as root (it switches to the rootless daemon's user)"
[ -r "$ENV_FILE" ] || die "no rootless daemon is set up ($ENV_FILE is missing): run scripts/docker-sandbox.sh --engine rootless first"
declare -A cfg=()
while IFS='=' read -r key value; do
    case "$key" in ROOTLESS_*) cfg[$key]=$value ;; esac
done <"$ENV_FILE"
for key in ROOTLESS_USER ROOTLESS_UID ROOTLESS_GID ROOTLESS_HOME ROOTLESS_RUNTIME_DIR ROOTLESS_DOCKER_HOST; do
    [ -n "${cfg[$key]:-}" ] || die "$ENV_FILE lacks $key: run scripts/docker-sandbox.sh --engine rootless again"
done
user=${cfg[ROOTLESS_USER]} home=${cfg[ROOTLESS_HOME]}
as_user=(setpriv "--reuid=${cfg[ROOTLESS_UID]}" "--regid=${cfg[ROOTLESS_GID]}" --init-groups --)
[ -S "${cfg[ROOTLESS_RUNTIME_DIR]}/docker.sock" ] \
    || die "the rootless daemon's socket ${cfg[ROOTLESS_RUNTIME_DIR]}/docker.sock is missing: run scripts/docker-sandbox.sh --engine rootless"

# ---- where the command runs -----------------------------------------------------------------
readable_by_user() { # dir: the user can read the project files the tutor loads from it
    "${as_user[@]}" test -r "$1/package.json" -a -x "$1/bin" -a -x "$1/dist" -a -x "$1/lessons" \
        -a -r "$1/node_modules/.package-lock.json" 2>/dev/null
}

# A copy in the user's home (CI's clone may be under /root, mode 700). Root copies, then gives it
# to the user; node_modules (hundreds of MB) only when npm's lock file in it changed.
refresh_copy() { # dest
    local dest=$1 part modules stamp
    mkdir -p "$dest"
    for part in bin dist lessons package.json; do
        [ -e "$project/$part" ] || die "$project/$part is missing (run npm run build first)"
        rm -rf "${dest:?}/$part"
        cp -a "$project/$part" "$dest/$part"
        chown -R "${cfg[ROOTLESS_UID]}:${cfg[ROOTLESS_GID]}" "$dest/$part"
    done
    modules=$(readlink -f "$project/node_modules") # a worktree's may be a link to another checkout's
    [ -r "$modules/.package-lock.json" ] || die "$project/node_modules is missing (run npm ci first)"
    stamp=$(sha256sum <"$modules/.package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$dest/.node_modules.sha256" 2>/dev/null)" != "$stamp" ] || [ ! -d "$dest/node_modules" ]; then
        rm -rf "${dest:?}/node_modules"
        cp -a "$modules" "$dest/node_modules"
        chown -R "${cfg[ROOTLESS_UID]}:${cfg[ROOTLESS_GID]}" "$dest/node_modules"
        echo "$stamp" >"$dest/.node_modules.sha256"
    fi
    chown "${cfg[ROOTLESS_UID]}:${cfg[ROOTLESS_GID]}" "$dest"
}

if readable_by_user "$project"; then
    workdir=$project
else
    workdir="$home/docker-tutor"
    # (two runs at once would copy over each other)
    exec 8>"${ENV_FILE%/*}/as-rootless-user.lock"
    flock -w 300 8 || die "another as-rootless-user.sh run holds ${ENV_FILE%/*}/as-rootless-user.lock"
    refresh_copy "$workdir"
    exec 8>&-
    readable_by_user "$workdir" || die "$user cannot read the copy in $workdir"
fi

# ---- output files ---------------------------------------------------------------------------
out_dir=$("${as_user[@]}" env -i mktemp -d "$home/.as-rootless-user-out.XXXXXX") \
    || die "could not make a folder in $home as $user"
declare -A copy_back=() # the file the command writes -> where the caller asked for it
args=()
is_output_option() { local o; for o in "${OUTPUT_OPTIONS[@]}"; do [ "$1" = "$o" ] && return 0; done; return 1; }
redirect() { # file: sets inside, where the command writes it instead
    local target
    target=$(realpath -m -- "$1")
    inside="$out_dir/${#copy_back[@]}-$(basename -- "$target")"
    copy_back[$inside]=$target
}
while [ $# -gt 0 ]; do
    if is_output_option "$1" && [ $# -gt 1 ]; then
        redirect "$2"
        args+=("$1" "$inside")
        shift 2
        continue
    fi
    case "$1" in
        --*=*)
            if is_output_option "${1%%=*}"; then
                redirect "${1#*=}"
                args+=("${1%%=*}=$inside")
                shift
                continue
            fi ;;
    esac
    args+=("$1")
    shift
done

# ---- the environment ------------------------------------------------------------------------
path=/usr/local/bin:/usr/bin:/bin
node_bin=$(command -v node || true)
if [ -n "$node_bin" ] && [ "${node_bin%/*}" != /usr/bin ] && [ "${node_bin%/*}" != /usr/local/bin ]; then
    "${as_user[@]}" test -x "$node_bin" || die "$user cannot run $node_bin (under a folder only root reads): install Node.js where every user can run it"
    path="${node_bin%/*}:$path"
fi
environment=("HOME=$home" "USER=$user" "LOGNAME=$user" "XDG_RUNTIME_DIR=${cfg[ROOTLESS_RUNTIME_DIR]}"
    "DOCKER_HOST=${cfg[ROOTLESS_DOCKER_HOST]}" "PATH=$path" LANG=C.UTF-8)
for key in "${PASSED_ON[@]}"; do
    if [ -n "${!key+set}" ]; then environment+=("$key=${!key}"); fi
done

set +e
(cd "$workdir" && exec "${as_user[@]}" env -i "${environment[@]}" "${args[@]}")
status=$?
set -e
for inside in "${!copy_back[@]}"; do
    [ -e "$inside" ] || continue
    mkdir -p "$(dirname -- "${copy_back[$inside]}")"
    cp -- "$inside" "${copy_back[$inside]}"
done
rm -rf "$out_dir"
exit "$status"
