import { describe, expect, it } from "vitest";
import {
  isBeingRemoved,
  missingEndpointOf,
  missingEndpointWords,
  registryRefusalWords,
  unlessGone,
} from "../../../src/docker/docker-errors.js";
import { daemonFailureText } from "../../../src/docker/interpreter/commands/shared/daemon-failure.js";

/** docker-modem's error for an error status: `statusCode` and the daemon's words in `json.message`. */
const answer = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode, json: { message } });

describe("a container on its way out", () => {
  const removing = answer(409, "can not get logs from container which is dead or marked for removal");

  it("is told from other conflicts by the daemon's words", () => {
    expect(isBeingRemoved(removing)).toBe(true);
    expect(isBeingRemoved(answer(409, "Conflict. The container name is already in use"))).toBe(false);
    expect(isBeingRemoved(answer(500, "dead or marked for removal"))).toBe(false);
  });

  it("reads as gone, like a 404; any other failure still fails", async () => {
    await expect(unlessGone(Promise.reject(removing))).resolves.toBeUndefined();
    await expect(unlessGone(Promise.reject(answer(404, "No such container: x")))).resolves.toBeUndefined();
    await expect(unlessGone(Promise.reject(answer(500, "boom")))).rejects.toThrow("boom");
    await expect(unlessGone(Promise.resolve("logs"))).resolves.toBe("logs");
  });
});

describe("an endpoint the daemon does not have (Podman's Docker API)", () => {
  it.each([
    [answer(404, "Path /v1.41/distribution/alpine/json is not supported"), "/distribution/alpine/json"],
    [answer(503, "Podman does not support service: /v1.41/swarm/init"), "/swarm/init"],
    [answer(404, "Not Found"), ""],
    [answer(404, "No such image: alpine"), undefined],
    [answer(503, "This node is not a swarm manager."), undefined],
  ])("%#: %s", (error, path) => expect(missingEndpointOf(error)).toBe(path));

  it("the interpreter says it in a sentence, not the daemon's `Path … is not supported`", () => {
    const text = daemonFailureText(answer(404, "Path /v1.41/distribution/alpine/json is not supported"));
    expect(text).toBe(`Error response from daemon: ${missingEndpointWords("/distribution/alpine/json")}`);
    expect(text).not.toContain("is not supported");
    expect(text).toContain("needs a Docker Engine");
  });

  it("other refusals keep the daemon's words", () => {
    expect(daemonFailureText(answer(404, "No such container: web"))).toBe("Error response from daemon: No such container: web");
  });
});

describe("a registry's 429 passed on by the daemon", () => {
  it("keeps the status in the words when the daemon's message does not say it", () => {
    expect(registryRefusalWords(answer(429, "unknown: rate exceeded"))).toBe("429 Too Many Requests: unknown: rate exceeded");
    expect(registryRefusalWords(answer(429, "toomanyrequests: You have reached your pull rate limit"))).toBe(
      "toomanyrequests: You have reached your pull rate limit",
    );
    expect(registryRefusalWords(answer(404, "manifest unknown"))).toBe("manifest unknown");
  });
});
