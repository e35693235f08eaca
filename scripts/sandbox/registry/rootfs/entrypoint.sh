#!/bin/sh
# The registry:2 image's entrypoint (docker-tutor stand-in).

set -e

case "$1" in
    *.yaml|*.yml) set -- registry serve "$@" ;;
    serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac

exec "$@"
