import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * A daemon that is not on the tutor's machine: a Docker Engine in a playground node (a container),
 * the tutor outside it with DOCKER_HOST at the node's TLS port (published on loopback) and the
 * node's client certificates, as `env up` keeps them in the data folder. Its published ports answer on
 * the node, not on this machine's localhost, and a bind mount names a folder of the node's: lessons
 * 3 and 4 pass only when http checks ask from the daemon's side and the lesson folder is copied into
 * the node before a step bind-mounts it.
 */
const name = uniqueName("rd").toLowerCase().slice(0, 24);
const labelled = `label=docker-tutor.env=${name}`;
const dataDir = mkdtempSync(join(tmpdir(), "dtt-rd-data-"));
let nodeEnv: Record<string, string> = {};
let address = "";
let tlsPort = "";

beforeAll(async () => {
  await requireDaemon();
  await mustShell("docker pull -q docker:dind");
  const up = await runCli(["env", "up", "--nodes", "1", "--name", name], { env: { DOCKER_TUTOR_DATA_DIR: dataDir } });
  expect(up.code, up.stdout + up.stderr).toBe(0);
  address = (await mustShell(`docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' ${name}-node1`)).trim();
  tlsPort = (await mustShell(`docker port ${name}-node1 2376/tcp`)).trim().split(":").pop() ?? "";
  nodeEnv = {
    DOCKER_HOST: `tcp://127.0.0.1:${tlsPort}`,
    DOCKER_TLS_VERIFY: "1",
    DOCKER_CERT_PATH: join(dataDir, "playground", name, "node1"),
  };
}, 180_000);

afterAll(async () => {
  await runCli(["env", "down", "--name", name], { env: { DOCKER_TUTOR_DATA_DIR: dataDir } });
  rmSync(dataDir, { recursive: true, force: true });
  // Whatever env down could not remove, by the playground's label only.
  await shell(
    `docker rm -f -v $(docker ps -aq --filter ${labelled}) 2>/dev/null; docker volume rm $(docker volume ls -q --filter ${labelled}) 2>/dev/null; docker network rm $(docker network ls -q --filter ${labelled}) 2>/dev/null`,
  );
}, 120_000);

interface TestReport {
  readonly runs: { readonly steps: { readonly id: string; readonly ok: boolean; readonly message?: string; readonly actual?: string }[] }[];
  readonly passed: number;
  readonly failed: number;
}

/** The node's settings as `K='v'` words before a shell command. */
const nodeExports = () =>
  Object.entries(nodeEnv)
    .map(([k, v]) => `${k}='${v}'`)
    .join(" ");

/** The status of a plain request, or the error it met (refused, reset, TLS handshake). */
function ask(url: string, tls?: { ca: Buffer }): Promise<string> {
  return new Promise((resolve) => {
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = send(url, { timeout: 5000, ...(tls ? { ca: tls.ca } : {}) }, (res) => {
      res.resume();
      resolve(`status ${res.statusCode}`);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
    req.end();
  });
}

describe("a daemon in a playground node, the tutor outside it", () => {
  it("the node's daemon answers only with TLS and a client certificate, and env up kept that certificate private", async () => {
    const certDir = nodeEnv.DOCKER_CERT_PATH ?? "";
    for (const file of ["ca.pem", "cert.pem", "key.pem"]) expect(statSync(join(certDir, file)).mode & 0o777, file).toBe(0o600);
    expect(statSync(certDir).mode & 0o777).toBe(0o700);
    // Plain HTTP: the TLS port says 400 to it; 2375 is not listened on at all.
    expect(await ask(`http://127.0.0.1:${tlsPort}/_ping`)).toBe("status 400");
    expect(await ask(`http://${address}:2375/_ping`)).toMatch(/^error (ECONNREFUSED|ETIMEDOUT|timeout)/);
    // TLS that trusts the node's CA but shows no client certificate: the handshake is refused.
    const ca = readFileSync(join(certDir, "ca.pem"));
    expect(await ask(`https://127.0.0.1:${tlsPort}/_ping`, { ca })).toMatch(/^error /);
    // The published port is on loopback only.
    expect(await mustShell(`docker port ${name}-node1 2376/tcp`)).toMatch(/^127\.0\.0\.1:\d+\s*$/);
    // With the certificates, the docker CLI reaches it.
    const exports = nodeExports();
    expect(await mustShell(`${exports} docker info --format '{{.Name}}'`)).toBe("node1\n");
  });

  it("doctor says where the daemon runs", async () => {
    const doctor = await runCli(["doctor"], { env: nodeEnv });
    expect(doctor.stdout).toMatch(new RegExp(`daemon host.*the playground node node1 of ${name}`));
  });

  it("docker-tutor test 1 2 3 4 passes: http and registry checks asked from the daemon's side, the bind mount of the lesson folder copied into the node", async () => {
    const run = await runCli(["test", "1", "2", "3", "4", "--json"], { env: nodeEnv });
    const report = JSON.parse(run.stdout) as TestReport;
    const failures = report.runs.flatMap((r) => r.steps.filter((s) => !s.ok).map((s) => `${s.id}: ${s.message} ${s.actual ?? ""}`));
    expect(failures).toEqual([]);
    expect(run.code).toBe(0);
    const steps = new Map(report.runs.flatMap((r) => r.steps.map((s) => [s.id, s.ok])));
    // The steps a daemon elsewhere used to fail: lesson 3's pages and bind mount, lesson 4's published port, lesson 2's registry.
    for (const id of ["run-published", "run-bind-mount", "edit-live", "side-by-side", "publish-port", "push"])
      expect(steps.get(id), id).toBe(true);
    // Every probe and copy container was removed on the node.
    const left = await mustShell(`docker exec ${name}-node1 docker ps -aq --filter label=docker-tutor.purpose`);
    expect(left.trim()).toBe("");
  }, 420_000);

  it("docker-tutor test 5 passes: its playground nodes run inside the node, reached through an exec tunnel, and are removed", async () => {
    const exports = nodeExports();
    // The node has no registry: its own nodes' image comes from this machine, as `env up` copies lesson images.
    await mustShell(`docker save docker:dind | ${exports} docker load -q`);
    const run = await runCli(["test", "5", "--json"], { env: nodeEnv });
    const report = JSON.parse(run.stdout) as TestReport;
    const failures = report.runs.flatMap((r) => r.steps.filter((s) => !s.ok).map((s) => `${s.id}: ${s.message} ${s.actual ?? ""}`));
    expect(failures).toEqual([]);
    expect(run.code).toBe(0);
    const steps = new Map(report.runs.flatMap((r) => r.steps.map((s) => [s.id, s.ok])));
    for (const id of ["playground", "init-on-node1", "join-node2", "spread-service", "drain-node2"]) expect(steps.get(id), id).toBe(true);
    // The test's own playground, inside the node, is gone.
    expect((await mustShell(`${exports} docker ps -aq --filter label=docker-tutor.env`)).trim()).toBe("");
  }, 600_000);
});
