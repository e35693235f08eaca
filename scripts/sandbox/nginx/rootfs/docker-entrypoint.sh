#!/bin/sh
# docker-tutor stand-in for the nginx image's entrypoint: runs the command it is given.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    echo "/docker-entrypoint.sh: Configuration complete; ready for start up"
fi
exec "$@"
