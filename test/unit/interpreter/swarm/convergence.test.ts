import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { callLine } from "../../../../src/docker/interpreter/api-call.js";
import { waitForConvergence } from "../../../../src/docker/interpreter/commands/swarm/convergence.js";
import { serviceInspectCall, tasksCall } from "../../../../src/docker/interpreter/commands/swarm/service-calls.js";
import { toApiCall } from "../../../../src/docker/interpreter/engine-call.js";
import { fakeTransport } from "../../../helpers/fake-transport.js";

const line = (call: Parameters<typeof toApiCall>[0]) => callLine(toApiCall(call));
const SERVICE = { ID: "s1", Spec: { Name: "web", Mode: { Replicated: { Replicas: 1 } } } };
const TASKS = [{ ID: "t1", Slot: 1, DesiredState: "running", Status: { State: "running" } }];
const engine = () =>
  fakeTransport({
    [line(serviceInspectCall("s1", ""))]: { body: SERVICE },
    [line(tasksCall({ service: ["s1"], "_up-to-date": ["true"] }, ""))]: { body: TASKS },
  });

function io(convergedWhenRunning: boolean) {
  let out = "";
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  return { io: { stdout, stderr: stdout, cwd: "/work", convergedWhenRunning }, out: () => out };
}

describe("waiting for a service to converge", () => {
  it("as the CLI: every task running, then the stability wait before 'converged'", async () => {
    const { io: given, out } = io(false);
    const started = Date.now();
    expect(await waitForConvergence(engine(), "s1", "s1", given, { monitorMs: 300, pollMs: 50 })).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(out()).toContain("verify: Waiting 1 seconds to verify that tasks are stable...");
    expect(out()).toContain("verify: Service s1 converged");
  });

  it("in a test run (convergedWhenRunning): converged as soon as every task runs, without the wait", async () => {
    const { io: given, out } = io(true);
    const sent = engine();
    const started = Date.now();
    expect(await waitForConvergence(sent, "s1", "s1", given, { monitorMs: 5000, pollMs: 50 })).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent.sent).toHaveLength(2);
    expect(out()).toBe("overall progress: 1 out of 1 tasks\nverify: Service s1 converged\n");
  });
});
