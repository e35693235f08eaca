import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cannotPublishLowPorts, daemonKind, isPodman, noSwarmMode, seesHostNetwork } from "../../../src/docker/daemon-kind.js";
import { lowestPublishablePort } from "../../../src/docker/low-ports.js";
import { toDaemonInfo } from "../../../src/docker/map-views.js";
import type { EngineVersion } from "../../../src/docker/views.js";

const engine = (product: EngineVersion["product"], version: string): EngineVersion => ({
  product,
  version,
  apiVersion: "1.41",
  minApiVersion: "1.24",
  negotiatedApiVersion: "1.41",
  os: "linux",
  arch: "amd64",
  kernelVersion: "6.1.0",
});

describe("which daemon answers", () => {
  it("knows Podman by its engine component, Docker by its own", () => {
    // Abridged /version answers of Podman 5.4 and Docker Engine 28.5.
    expect(isPodman({ Components: [{ Name: "Podman Engine" }, { Name: "Conmon" }] })).toBe(true);
    expect(isPodman({ Components: [{ Name: "Engine" }, { Name: "containerd" }, { Name: "runc" }] })).toBe(false);
    expect(isPodman({ Components: null })).toBe(false);
  });

  it("reads rootless from the security options /info lists", () => {
    const rootless = toDaemonInfo({ SecurityOptions: ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"] });
    const rooted = toDaemonInfo({ SecurityOptions: ["name=seccomp,profile=builtin", "name=cgroupns"] });
    expect(daemonKind(engine("docker", "28.5.2"), rootless)).toEqual({ product: "docker", name: "Docker Engine 28.5.2", rootless: true });
    expect(daemonKind(engine("docker", "28.5.2"), rooted).rootless).toBe(false);
    expect(daemonKind(engine("podman", "5.4.2"), rooted).name).toBe("Podman 5.4.2");
  });

  it("says what each kind lacks", () => {
    const docker = { product: "docker", name: "Docker Engine 28.5.2", rootless: false } as const;
    const rootless = { ...docker, rootless: true };
    const podman = { product: "podman", name: "Podman 5.4.2", rootless: false } as const;
    expect(noSwarmMode(docker)).toBeUndefined();
    expect(noSwarmMode(podman)).toBe("Podman 5.4.2 has no swarm mode");
    expect(noSwarmMode(rootless)).toMatch(/^rootless Docker \(Docker Engine 28\.5\.2\) has no overlay networks/);
    expect([cannotPublishLowPorts(docker), cannotPublishLowPorts(rootless)]).toEqual([false, true]);
    expect([seesHostNetwork(docker), seesHostNetwork(rootless)]).toEqual([true, false]);
  });
});

describe("the lowest port a daemon can publish", () => {
  const rootless = { product: "docker", name: "Docker Engine 28.5.2", rootless: true } as const;
  const sysctl = (value: string) => {
    const file = join(mkdtempSync(join(tmpdir(), "sysctl-")), "ip_unprivileged_port_start");
    writeFileSync(file, value);
    return file;
  };

  it("is any port for a daemon that runs as root", async () => {
    expect(await lowestPublishablePort({ ...rootless, rootless: false }, true, sysctl("1024\n"))).toBe(0);
  });

  it("is 1024 for a rootless one, or lower where this machine lowered the sysctl", async () => {
    expect(await lowestPublishablePort(rootless, true, sysctl("1024\n"))).toBe(1024);
    expect(await lowestPublishablePort(rootless, true, sysctl("80\n"))).toBe(80);
    expect(await lowestPublishablePort(rootless, true, "/nonexistent/sysctl")).toBe(1024);
    // Another machine's sysctl is not ours to read.
    expect(await lowestPublishablePort(rootless, false, sysctl("0\n"))).toBe(1024);
  });
});

describe("a lesson the daemon cannot run at all", async () => {
  const { lessonMisfit } = await import("../../../src/engine/daemon-fit.js");
  const { lessonSchema } = await import("../../../src/lessons/schema.js");
  const lesson = (swarm: boolean) =>
    lessonSchema.parse({
      format: 1,
      id: "s",
      number: 5,
      slug: "s",
      title: "t",
      summary: "s",
      minutes: 1,
      requires: { swarm },
      steps: [{ id: "a", title: "a", text: "a", checks: [{ kind: "image", ref: "alpine" }] }],
    });
  const podman = { product: "podman", name: "Podman 5.4.2", rootless: false } as const;
  const docker = { product: "docker", name: "Docker Engine 28.5.2", rootless: false } as const;

  it("is one that needs swarm mode, on Podman or rootless Docker, said in one sentence with where to go", () => {
    expect(lessonMisfit(lesson(true), podman)).toEqual({
      why: "Lesson 5 needs swarm mode, and Podman 5.4.2 has no swarm mode.",
      fix: expect.stringMatching(/^Run it against a Docker Engine that runs as root/),
    });
    expect(lessonMisfit(lesson(true), { ...docker, rootless: true })?.why).toMatch(/no overlay networks/);
  });

  it("is none for a lesson without swarm, or on a Docker Engine running as root", () => {
    expect(lessonMisfit(lesson(false), podman)).toBeUndefined();
    expect(lessonMisfit(lesson(true), docker)).toBeUndefined();
  });
});
