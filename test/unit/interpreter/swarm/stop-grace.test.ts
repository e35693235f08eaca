import { describe, expect, it } from "vitest";
import type { CommandIO } from "../../../../src/docker/interpreter/command.js";
import { withStopGrace } from "../../../../src/docker/interpreter/commands/swarm/stop-grace.js";

const io = (taskStopGraceSeconds?: number) =>
  ({
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: "/",
    ...(taskStopGraceSeconds === undefined ? {} : { taskStopGraceSeconds }),
  }) as CommandIO;
const spec = (containerSpec: Record<string, unknown>) => ({ Name: "web", TaskTemplate: { ContainerSpec: containerSpec, ForceUpdate: 0 } });

describe("a test run's services: a short stop grace", () => {
  it("as the CLI creates them outside a test run", () => {
    expect(withStopGrace(spec({ Image: "alpine" }), io())).toEqual(spec({ Image: "alpine" }));
  });

  it("in a test run: StopGracePeriod in nanoseconds, the rest as it was", () => {
    expect(withStopGrace(spec({ Image: "alpine" }), io(1))).toEqual(spec({ Image: "alpine", StopGracePeriod: 1_000_000_000 }));
  });

  it("a grace the spec names stays", () => {
    const own = spec({ Image: "alpine", StopGracePeriod: 30_000_000_000 });
    expect(withStopGrace(own, io(1))).toEqual(own);
  });
});
