# shellcheck shell=bash
# Sourced by scripts/docker-sandbox.sh --engine podman, after the mirror and the stand-ins are ready.
# Defines ensure_podman: idempotent; prints DOCKER_HOST=<url> as its last line.
ensure_podman() {
    die "--engine podman is not built yet"
}
