import { ExitCode, TutorError } from "../errors.js";
import { socketPathOf } from "./docker-host.js";
import type { Endpoint } from "./endpoint.js";

export type FailureKind = "missing" | "refused" | "denied" | "timeout" | "unknown-host" | "tls" | "not-docker" | "other";

export interface ConnectAttempt {
  readonly endpoint: Endpoint;
  readonly kind: FailureKind;
  readonly detail: string;
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|EPROTO$)/;

/** Sorts a failed connection into what the user can do about it. */
export function classifyFailure(error: unknown): { kind: FailureKind; detail: string } {
  const err = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof err?.code === "string" ? err.code : "";
  const message = typeof err?.message === "string" ? err.message : String(error);
  if (typeof err?.statusCode === "number") return { kind: "not-docker", detail: `HTTP ${err.statusCode}` };
  if (code === "ENOENT") return { kind: "missing", detail: "no such socket" };
  if (code === "ECONNREFUSED") return { kind: "refused", detail: "connection refused" };
  if (code === "EACCES" || code === "EPERM") return { kind: "denied", detail: "permission denied" };
  if (code === "ETIMEDOUT" || /timeout/i.test(message)) return { kind: "timeout", detail: "no answer (timed out)" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { kind: "unknown-host", detail: "unknown host name" };
  if (TLS_CODES.test(code) || /certificate|tls|ssl/i.test(message)) return { kind: "tls", detail: message };
  if (code.startsWith("HPE_") || /parse error/i.test(message)) return { kind: "not-docker", detail: "answered, but not in HTTP" };
  return { kind: "other", detail: code ? `${code}: ${message}` : message };
}

/**
 * One sentence for the cause and one for the fix, picked from the attempt that says most:
 * a permission problem beats "not running", since it means a daemon is there.
 */
export function unreachableError(attempts: readonly ConnectAttempt[], steps: readonly string[], platform: NodeJS.Platform): TutorError {
  const primary = attempts.find((a) => a.kind === "denied") ?? attempts[0];
  const details = [
    "what was tried, in the docker CLI's order:",
    ...steps.map((s) => `  ${s}`),
    ...attempts.map((a) => `  ${a.endpoint.host} (${a.endpoint.source}): ${a.detail}`),
  ];
  if (!primary) return new TutorError("No way to reach Docker was found.", "Set DOCKER_HOST.", ExitCode.dockerUnreachable, details);
  const { endpoint, kind, detail } = primary;
  const where = socketPathOf(endpoint.host) ?? endpoint.host;
  const say = (message: string, fix: string) => new TutorError(message, fix, ExitCode.dockerUnreachable, details);

  if (kind === "denied") {
    return say(
      `Permission denied on the Docker socket ${where}: your user may not talk to the daemon.`,
      "Add yourself to the docker group (`sudo usermod -aG docker $USER`), then log out and back in, or run `newgrp docker`.",
    );
  }
  if (kind === "tls") {
    return say(
      `The TLS handshake with ${endpoint.host} (${endpoint.source}) failed: ${detail}.`,
      "Check DOCKER_CERT_PATH holds that daemon's ca.pem, cert.pem and key.pem, and DOCKER_TLS_VERIFY.",
    );
  }
  if (kind === "not-docker") {
    return say(
      `Something answers at ${endpoint.host} (${endpoint.source}), but it is not a Docker daemon (${detail}).`,
      explicitFix(endpoint),
    );
  }
  if (endpoint.explicit) {
    return say(`Nothing answers at ${endpoint.host} (${endpoint.source}): ${detail}.`, explicitFix(endpoint));
  }
  return say(`The Docker daemon is not running: nothing answers at ${where}.`, startFix(platform));
}

function explicitFix(endpoint: Endpoint): string {
  if (endpoint.source === "DOCKER_HOST")
    return "Check that address and that the daemon runs there, or unset DOCKER_HOST to use the default socket.";
  if (endpoint.source === "-H/--host") return "Check the address given to -H, or leave -H out to use the default socket.";
  return "Check the context's endpoint with `docker context inspect`, or switch with `docker context use default`.";
}

function startFix(platform: NodeJS.Platform): string {
  if (platform === "darwin" || platform === "win32") {
    return "Start Docker Desktop (or Colima, OrbStack, Rancher Desktop) and wait until it says it is running, then try again.";
  }
  return "Start it with `sudo systemctl start docker` (or open Docker Desktop), then try again.";
}

/**
 * Why a daemon that answered before is gone, from the error that broke its event stream: Node says
 * "aborted" or ECONNRESET when the daemon closes the connection as it stops or restarts.
 */
export function lostDaemonWords(reason: string): string {
  if (/aborted|ECONNRESET|socket hang up|EPIPE|stream ended/i.test(reason))
    return "it closed the connection, as it does when it stops or restarts";
  if (/ECONNREFUSED|ENOENT/.test(reason)) return "it no longer answers";
  if (/timeout|ETIMEDOUT/i.test(reason)) return "it stopped answering in time";
  return reason.replace(/\.$/, "");
}
