import { describe, expect, it } from "vitest";
import { ENV_LABEL, NODE_LABEL } from "../../../src/docker/labels.js";
import {
  ALL_BUT_SYS_RESOURCE,
  grantableCapabilities,
  isCapabilityRefusal,
  nodeContainerBody,
  planPlayground,
  playgroundNameProblem,
} from "../../../src/env/playground-plan.js";

describe("the playground's plan", () => {
  it("names nodes node1…N, each with its container and volume, on the playground's network, all labelled", () => {
    const plan = planPlayground("play", 2);
    expect(plan.network).toBe("play-net");
    expect(plan.nodes).toEqual([
      { node: "node1", container: "play-node1", volume: "play-node1-docker" },
      { node: "node2", container: "play-node2", volume: "play-node2-docker" },
    ]);
    expect(plan.labels[ENV_LABEL]).toBe("play");
  });

  it("refuses names Docker would not take, and long ones", () => {
    expect(playgroundNameProblem("play")).toBeUndefined();
    expect(playgroundNameProblem("lab-2.x_y")).toBeUndefined();
    for (const bad of ["", "Play", "-x", "a b", "a/b", "x".repeat(32)])
      expect(playgroundNameProblem(bad)).toMatch(/is not a playground name/);
  });

  it("a privileged node: its daemon with TLS only (docker:dind's certificates), published on loopback alone; its data on its volume, its hostname the node's", () => {
    const plan = planPlayground("play", 1);
    const node = plan.nodes[0];
    if (!node) throw new Error("no node planned");
    const body = nodeContainerBody(plan, node, "docker:dind", { kind: "privileged" }) as {
      Hostname: string;
      Cmd: string[];
      Env: string[];
      ExposedPorts: Record<string, unknown>;
      Labels: Record<string, string>;
      HostConfig: {
        Privileged: boolean;
        PortBindings?: unknown;
        Mounts: { Source: string; Target: string }[];
        NetworkMode: string;
        CapAdd?: unknown;
      };
    };
    expect(body.Hostname).toBe("node1");
    // Flags only, so docker:dind's entrypoint adds TLS on 2376 with the certificates it makes.
    expect(body.Cmd.every((arg) => arg.startsWith("--label="))).toBe(true);
    expect(body.Env).toContain("DOCKER_TLS_CERTDIR=/certs");
    expect(Object.keys(body.ExposedPorts)).toEqual(["2376/tcp"]);
    // The node's daemon says whose it is, so a tutor pointed at it knows it may copy folders in.
    expect(body.Cmd).toEqual(expect.arrayContaining([`--label=${ENV_LABEL}=play`, `--label=${NODE_LABEL}=node1`]));
    expect(body.Labels[NODE_LABEL]).toBe("node1");
    expect(body.HostConfig.Privileged).toBe(true);
    expect(body.HostConfig.PortBindings).toEqual({ "2376/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] });
    expect(body.HostConfig.CapAdd).toBeUndefined();
    expect(body.HostConfig.Mounts).toEqual([{ Type: "volume", Source: "play-node1-docker", Target: "/var/lib/docker" }]);
    expect(body.HostConfig.NetworkMode).toBe("play-net");
  });

  it("where --privileged is refused: the capabilities it can grant, unconfined profiles and the host's cgroups", () => {
    const plan = planPlayground("play", 1);
    const node = plan.nodes[0];
    if (!node) throw new Error("no node planned");
    const body = nodeContainerBody(plan, node, "docker:dind", { kind: "capabilities", capabilities: ["NET_ADMIN", "SYS_ADMIN"] }) as {
      HostConfig: {
        Privileged: boolean;
        CapAdd: string[];
        SecurityOpt: string[];
        Mounts: { Source: string; Target: string }[];
        MaskedPaths: string[];
      };
    };
    expect(body.HostConfig.Privileged).toBe(false);
    expect(body.HostConfig.CapAdd).toEqual(["NET_ADMIN", "SYS_ADMIN"]);
    expect(body.HostConfig.SecurityOpt).toEqual(["seccomp=unconfined", "apparmor=unconfined"]);
    expect(body.HostConfig).toMatchObject({ MaskedPaths: [], ReadonlyPaths: [] });
    expect(body.HostConfig.Mounts.map((m) => m.Target)).toEqual(["/var/lib/docker", "/sys/fs/cgroup"]);
  });

  it("reads a bounding set: every named capability it holds, none it lacks", () => {
    // everything up to bit 40 except SYS_RESOURCE (bit 24): this machine's dockerd
    const full = (1n << 41n) - 1n;
    const withoutSysResource = (full & ~(1n << 24n)).toString(16);
    expect(grantableCapabilities(withoutSysResource)).toEqual(ALL_BUT_SYS_RESOURCE);
    expect(grantableCapabilities(withoutSysResource)).not.toContain("SYS_RESOURCE");
    expect(grantableCapabilities("0000000000000001")).toEqual(["CHOWN"]);
    expect(grantableCapabilities("0000000000003000")).toEqual(["NET_ADMIN", "NET_RAW"]);
    expect(grantableCapabilities("")).toEqual([]);
  });

  it("knows the daemon's refusal of --privileged", () => {
    expect(isCapabilityRefusal("OCI runtime create failed: … unable to apply caps: operation not permitted: unknown")).toBe(true);
    expect(isCapabilityRefusal("No such image: docker:dind")).toBe(false);
  });
});
