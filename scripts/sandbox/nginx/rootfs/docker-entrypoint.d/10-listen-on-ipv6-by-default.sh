#!/bin/sh
# The nginx image's 10-listen-on-ipv6-by-default.sh (docker-tutor stand-in): where the kernel
# has IPv6, add `listen [::]:80;` to the default server, unless default.conf was changed.
# The official script compares the file with its package's checksum; the stand-in compares it
# with the checksum docker-sandbox.sh recorded when it built the image.
set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"
PACKAGED_SHA256="@DEFAULT_CONF_SHA256@"

if [ ! -f "/proc/net/if_inet6" ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi

if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi

# the file must be writable (not a read-only bind mount)
touch "/$DEFAULT_CONF_FILE" 2>/dev/null || { entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

# already done, e.g. on a container restart
grep -q "listen  \[::]\:80;" "/$DEFAULT_CONF_FILE" && { entrypoint_log "$ME: info: IPv6 listen already enabled"; exit 0; }

entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"
echo "$PACKAGED_SHA256  /$DEFAULT_CONF_FILE" | sha256sum -c - >/dev/null 2>&1 || {
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
    exit 0
}

sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,' "/$DEFAULT_CONF_FILE"

entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"

exit 0
