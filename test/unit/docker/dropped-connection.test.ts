import { describe, expect, it } from "vitest";
import { againIfDropped, isDroppedConnection } from "../../../src/docker/dropped-connection.js";

const dropped = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

describe("a connection the daemon dropped", () => {
  it("is told from a refusal and from the daemon's own error", () => {
    expect(isDroppedConnection(dropped())).toBe(true);
    expect(isDroppedConnection(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }))).toBe(true);
    expect(isDroppedConnection(new Error("socket hang up"))).toBe(true);
    expect(isDroppedConnection(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isDroppedConnection(Object.assign(new Error("(HTTP code 500) server error"), { statusCode: 500 }))).toBe(false);
    expect(isDroppedConnection(undefined)).toBe(false);
  });

  it("is asked again, and the answer after a drop is the answer", async () => {
    let calls = 0;
    const answer = await againIfDropped(
      async () => {
        calls += 1;
        if (calls < 3) throw dropped();
        return "28.5.2";
      },
      2,
      1,
    );
    expect(answer).toBe("28.5.2");
    expect(calls).toBe(3);
  });

  it("gives up after the retries, and never retries another failure", async () => {
    let calls = 0;
    await expect(
      againIfDropped(
        async () => {
          calls += 1;
          throw dropped();
        },
        2,
        1,
      ),
    ).rejects.toThrow("socket hang up");
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      againIfDropped(
        async () => {
          calls += 1;
          throw Object.assign(new Error("connect ENOENT /var/run/docker.sock"), { code: "ENOENT" });
        },
        2,
        1,
      ),
    ).rejects.toThrow("ENOENT");
    expect(calls).toBe(1);
  });
});
