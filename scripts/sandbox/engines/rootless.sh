# shellcheck shell=bash
# Sourced by scripts/docker-sandbox.sh --engine rootless, after the mirror and the stand-ins are ready.
# Defines ensure_rootless: idempotent; prints DOCKER_HOST=<url> as its last line.
ensure_rootless() {
    die "--engine rootless is not built yet"
}
