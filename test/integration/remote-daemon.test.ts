import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * A daemon that is not on the tutor's machine: a Docker Engine in a playground node (a container),
 * the tutor outside it with DOCKER_HOST=tcp://<node address>:2375. Its published ports answer on
 * the node, not on this machine's localhost, and a bind mount names a folder of the node's: lessons
 * 3 and 4 pass only when http checks ask from the daemon's side and the lesson folder is copied into
 * the node before a step bind-mounts it.
 */
const name = uniqueName("rd").toLowerCase().slice(0, 24);
const labelled = `label=docker-tutor.env=${name}`;
let nodeHost = "";

beforeAll(async () => {
  await requireDaemon();
  await mustShell("docker pull -q docker:dind");
  const up = await runCli(["env", "up", "--nodes", "1", "--name", name]);
  expect(up.code, up.stdout + up.stderr).toBe(0);
  const address = (await mustShell(`docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' ${name}-node1`)).trim();
  nodeHost = `tcp://${address}:2375`;
}, 180_000);

afterAll(async () => {
  await runCli(["env", "down", "--name", name]);
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

describe("a daemon in a playground node, the tutor outside it", () => {
  it("doctor says where the daemon runs", async () => {
    const doctor = await runCli(["doctor"], { env: { DOCKER_HOST: nodeHost } });
    expect(doctor.stdout).toMatch(new RegExp(`daemon host.*the playground node node1 of ${name}`));
  });

  it("docker-tutor test 1 2 3 4 passes: http and registry checks asked from the daemon's side, the bind mount of the lesson folder copied into the node", async () => {
    const run = await runCli(["test", "1", "2", "3", "4", "--json"], { env: { DOCKER_HOST: nodeHost } });
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
});
