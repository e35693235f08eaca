import { describe, expect, it } from "vitest";
import { classifyFailure, lostDaemonWords, unreachableError } from "../../../src/docker/connection-failure.js";
import type { Endpoint } from "../../../src/docker/endpoint.js";

const err = (code: string, message = code) => Object.assign(new Error(message), { code });
const socket = (source = "default socket", explicit = false): Endpoint => ({
  host: "unix:///var/run/docker.sock",
  source,
  tls: undefined,
  explicit,
});

describe("classifyFailure", () => {
  it.each([
    [err("ENOENT"), "missing"],
    [err("ECONNREFUSED"), "refused"],
    [err("EACCES"), "denied"],
    [err("ETIMEDOUT"), "timeout"],
    [new Error("timeout of 5000ms exceeded"), "timeout"],
    [err("ENOTFOUND"), "unknown-host"],
    [err("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"), "tls"],
    [Object.assign(new Error("(HTTP code 404) not found"), { statusCode: 404 }), "not-docker"],
    [err("HPE_INVALID_CONSTANT", "Parse Error"), "not-docker"],
    [err("EWHATEVER", "odd"), "other"],
  ])("%s → %s", (error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });
});

describe("unreachableError: one sentence for the cause, one for the fix", () => {
  it("a missing default socket means the daemon is not running", () => {
    const e = unreachableError([{ endpoint: socket(), kind: "missing", detail: "no such socket" }], ["DOCKER_HOST: not set"], "linux");
    expect(e.message).toBe("The Docker daemon is not running: nothing answers at /var/run/docker.sock.");
    expect(e.fix).toMatch(/systemctl start docker/);
    expect(e.exitCode).toBe(3);
    expect(e.details).toContain("  DOCKER_HOST: not set");
    expect(e.details).toContain("  unix:///var/run/docker.sock (default socket): no such socket");
  });

  it("on macOS the fix is to start Docker Desktop", () => {
    expect(unreachableError([{ endpoint: socket(), kind: "refused", detail: "" }], [], "darwin").fix).toMatch(/^Start Docker Desktop/);
  });

  it("permission denied wins over a missing socket and gives the docker-group advice", () => {
    const e = unreachableError(
      [
        { endpoint: socket(), kind: "denied", detail: "permission denied" },
        { endpoint: { ...socket("Docker Desktop"), host: "unix:///home/a/.docker/run/docker.sock" }, kind: "missing", detail: "" },
      ],
      [],
      "linux",
    );
    expect(e.message).toBe("Permission denied on the Docker socket /var/run/docker.sock: your user may not talk to the daemon.");
    expect(e.fix).toMatch(/usermod -aG docker \$USER/);
  });

  it("a wrong DOCKER_HOST is named as such, with how to go back to the default", () => {
    const endpoint: Endpoint = { host: "tcp://10.1.1.1:2375", source: "DOCKER_HOST", tls: undefined, explicit: true };
    const e = unreachableError([{ endpoint, kind: "timeout", detail: "no answer (timed out)" }], [], "linux");
    expect(e.message).toBe("Nothing answers at tcp://10.1.1.1:2375 (DOCKER_HOST): no answer (timed out).");
    expect(e.fix).toMatch(/unset DOCKER_HOST/);
  });

  it("something that is not Docker is called out", () => {
    const e = unreachableError([{ endpoint: socket("-H/--host", true), kind: "not-docker", detail: "HTTP 404" }], [], "linux");
    expect(e.message).toMatch(/but it is not a Docker daemon \(HTTP 404\)/);
    expect(e.fix).toMatch(/-H/);
  });
});

describe("why a daemon that answered before is gone", () => {
  it.each([
    ["aborted", "it closed the connection, as it does when it stops or restarts"],
    ["read ECONNRESET", "it closed the connection, as it does when it stops or restarts"],
    ["the event stream ended", "it closed the connection, as it does when it stops or restarts"],
    ["connect ECONNREFUSED /var/run/docker.sock", "it no longer answers"],
    ["connect ENOENT /var/run/docker.sock", "it no longer answers"],
    ["something else entirely.", "something else entirely"],
  ])("%s → %s", (reason, words) => {
    expect(lostDaemonWords(reason)).toBe(words);
  });
});
