import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { freePort } from "../../src/testing/isolation.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * A lesson port someone else holds: a foreign container on one port and a plain process on
 * another. The lesson names each holder, moves to the next free port, uses it in its commands,
 * remembers it for later commands, and never stops the holder.
 */
const pack = mkdtempSync(join(tmpdir(), "dtt-ports-"));
const data = { DOCKER_TUTOR_DATA_DIR: join(pack, "data") };
const foreign = uniqueName("foreign-web");
const web = uniqueName("lesson-web");
let containerPort = 0;
let processPort = 0;
let listener: Server | undefined;

/** Two ports in a row nothing holds, so "the next free port" is predictable. */
async function twoFreeInARow(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const next = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(false));
      s.listen(port + 1, () => s.close(() => resolve(true)));
    });
    if (next && port < 65000) return port;
  }
}

beforeAll(async () => {
  await requireDaemon();
  await mustShell("docker pull -q nginx:alpine >/dev/null");
  containerPort = await twoFreeInARow();
  processPort = await twoFreeInARow();
  await mustShell(`docker run -d -q --name ${foreign} -p ${containerPort}:80 nginx:alpine >/dev/null`);
  listener = createServer().listen(processPort);
  writeFileSync(
    join(pack, "63-ports.yaml"),
    `format: 1
id: ports-taken
number: 63
slug: ports-taken
title: Ports someone else holds
summary: A lesson whose ports are taken.
minutes: 1
variables:
  port:
    default: ${containerPort}
    description: The web's port.
  other:
    default: ${processPort}
    description: An unused second port.
  web:
    default: ${web}
    description: The lesson's web container.
requires:
  ports: ["\${{ port }}", "\${{ other }}"]
resources:
  containers: [{ name: "\${{ web }}" }]
steps:
  - id: publish
    title: Publish the web
    text: Run it.
    hints: [look, fix]
    solution:
      - run: "docker run -d --name \${{ web }} -p \${{ port }}:80 nginx:alpine"
    checks:
      - kind: container
        name: "\${{ web }}"
        ports: [{ container: "80/tcp", host: "\${{ port }}" }]
      - kind: http
        url: "http://localhost:\${{ port }}/"
`,
  );
}, 120_000);

afterAll(async () => {
  listener?.close();
  await shell(`docker rm -f ${foreign} ${web} >/dev/null 2>&1; true`);
  rmSync(pack, { recursive: true, force: true });
});

describe("a lesson port that something else holds", () => {
  it("is moved to the next free port, named with its holder, used, and remembered; the holder keeps running", async () => {
    const solved = await runCli(["--lessons-dir", pack, "solve", "63"], { env: data });
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    expect(solved.stdout).toContain(
      `Port ${containerPort} is in use by container ${foreign} (nginx:alpine), so this lesson uses ${containerPort + 1} instead (port=${containerPort + 1}); nothing of yours was stopped.`,
    );
    expect(solved.stdout).toMatch(
      new RegExp(`Port ${processPort} is in use by process [^,]*, so this lesson uses ${processPort + 1} instead`),
    );
    expect(solved.stdout).toContain(`-p ${containerPort + 1}:80`);
    expect(solved.stdout).toMatch(/Every step solved/);

    const [foreignState] = await engineJson<{ State: string }[]>(
      `/containers/json?all=true&filters=${encodeURIComponent(JSON.stringify({ name: [foreign] }))}`,
    );
    expect(foreignState?.State).toBe("running");
    const chosen = new ProgressStore(join(data.DOCKER_TUTOR_DATA_DIR, "progress.json"), () => undefined).lesson("ports-taken")?.variables;
    expect(chosen).toEqual({ port: String(containerPort + 1), other: String(processPort + 1) });

    // Later commands use the port chosen then, and the lesson's own container does not count as a holder.
    const checked = await runCli(["--lessons-dir", pack, "check", "63"], { env: data });
    expect(checked.code, checked.stdout).toBe(0);
    const again = await runCli(["--lessons-dir", pack, "solve", "63", "--step", "publish"], { env: data });
    expect(again.stdout).not.toContain("is in use by");

    const reset = await runCli(["--lessons-dir", pack, "reset", "63", "--yes"], { env: data });
    expect(reset.code).toBe(0);
    expect((await shell(`docker inspect -f '{{.State.Running}}' ${foreign}`)).output.trim()).toBe("true");
  }, 120_000);
});
