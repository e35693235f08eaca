import { existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineJson, engineRequest, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

interface DoctorJson {
  ready: boolean;
  daemon: { host: string; source: string };
  engine: { version: string; apiVersion: string; negotiatedApiVersion: string };
  swarm: { state: string; isManager: boolean };
  ports: { port: number; free: boolean; holder?: string }[];
  images: { present: string[]; missing: string[] };
  routingMesh: { status: string; evidence: string };
  items: { id: string; status: string; value: string; fix?: string }[];
}

const containerName = uniqueName("doctor-port");
let listener: Server | undefined;

beforeAll(async () => {
  await requireDaemon();
  // The routing-mesh probe needs a small image with a shell; pulled through the sandbox's mirror.
  await pullImage("busybox:latest");
  // Hold two lesson ports: 8080 (lesson 5) with a container, 8020 (lesson 2) with a plain process (this test).
  const created = await engineRequest("POST", `/containers/create?name=${containerName}`, {
    Image: "busybox:latest",
    Cmd: ["sleep", "300"],
    Labels: { "docker-tutor.test": "doctor" },
    ExposedPorts: { "80/tcp": {} },
    HostConfig: { PortBindings: { "80/tcp": [{ HostPort: "8080" }] } },
  });
  expect(created.status, created.text).toBe(201);
  const started = await engineRequest("POST", `/containers/${containerName}/start`);
  expect(started.status, `port 8080 must be free for this test: ${started.text}`).toBe(204);
  listener = createServer();
  await new Promise<void>((resolve, reject) => {
    listener?.once("error", (e) => reject(new Error(`port 8020 must be free for this test: ${e.message}`)));
    listener?.listen(8020, "127.0.0.1", resolve);
  });
});

afterAll(async () => {
  await engineRequest("DELETE", `/containers/${containerName}?force=true`);
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
});

/** What the daemon's kernel says, read independently: the daemon runs on this machine here. */
function kernelHasIpvs(): boolean {
  return existsSync("/proc/net/ip_vs") || existsSync("/sys/module/ip_vs");
}

describe("doctor against the real daemon", () => {
  it("--json reports the daemon, versions, swarm, ports, images and the routing mesh as the daemon has them", async () => {
    const result = await runCli(["doctor", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DoctorJson;
    const version = await engineJson<{ Version: string; ApiVersion: string }>("/version");
    const info = await engineJson<{ Swarm: { LocalNodeState: string; ControlAvailable: boolean } }>("/info");
    const images = await engineJson<{ RepoTags: string[] | null }[]>("/images/json");
    const tags = new Set(images.flatMap((i) => i.RepoTags ?? []));

    expect(report.ready).toBe(true);
    expect(report.daemon).toEqual({ host: "unix:///var/run/docker.sock", source: "default socket", warnings: [] });
    expect(report.engine.version).toBe(version.Version);
    expect(report.engine.apiVersion).toBe(version.ApiVersion);
    expect(report.swarm.state).toBe(info.Swarm.LocalNodeState);
    expect(report.swarm.isManager).toBe(info.Swarm.ControlAvailable);
    expect(report.images.present).toContain("alpine:latest");
    expect([...report.images.present, ...report.images.missing]).toEqual(
      expect.arrayContaining(["hello-world:latest", "registry:2", "nginx:latest"]),
    );
    for (const ref of report.images.present) expect(tags.has(ref), ref).toBe(true);
    for (const ref of report.images.missing) expect(tags.has(ref), ref).toBe(false);

    const port = (n: number) => report.ports.find((p) => p.port === n);
    expect(port(8080)).toEqual({ port: 8080, free: false, holder: `container ${containerName} (busybox:latest)` });
    expect(port(8020)).toEqual({ port: 8020, free: false, holder: `process node (pid ${process.pid})` });

    expect(report.routingMesh.status).toBe(kernelHasIpvs() ? "available" : "missing");
  });

  it("prints one line per item with its real value, the fix under each problem, and names a missing routing mesh", async () => {
    const result = await runCli(["doctor"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const line = (label: string) => lines.find((l) => new RegExp(`^[✔!✖] ${label} `).test(l)) ?? "";
    expect(line("daemon")).toMatch(/unix:\/\/\/var\/run\/docker.sock \(default socket\)$/);
    expect(line("engine")).toMatch(/Docker Engine \S+ \(linux\/\w+\), API 1\.\d+ \(the daemon speaks 1\.\d+–1\.\d+\)/);
    expect(line("swarm")).toMatch(/ (inactive|active)/);
    expect(line("port 8080")).toContain(`in use by container ${containerName} (busybox:latest)`);
    expect(lines[lines.indexOf(line("port 8080")) + 1]).toContain(`docker stop ${containerName}`);
    expect(line("port 8020")).toContain("in use by process node");
    expect(line("images")).toMatch(/lesson images present/);
    if (kernelHasIpvs()) {
      expect(line("routing mesh")).toMatch(/^✔ routing mesh +available/);
    } else {
      expect(line("routing mesh")).toMatch(/^! routing mesh +missing: the daemon's kernel has no IPVS/);
      expect(result.stdout).toContain("--publish mode=host,published=8080,target=80");
    }
  });

  it("leaves no probe container behind", async () => {
    await runCli(["doctor"]);
    // the doctor's own probe only: another test's playground nodes carry a purpose label too
    const filters = encodeURIComponent(JSON.stringify({ label: ["docker-tutor.purpose=routing-mesh probe"] }));
    const left = await engineJson<unknown[]>(`/containers/json?all=true&filters=${filters}`);
    expect(left).toEqual([]);
  });
});
