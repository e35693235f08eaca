import { describe, expect, it } from "vitest";
import { isBeingRemoved, unlessGone } from "../../../src/docker/docker-errors.js";

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
