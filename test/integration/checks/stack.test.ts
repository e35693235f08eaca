import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSuite, docker, ensureSwarm, TEST_LABEL } from "./daemon-fixtures.js";

let swarm: Awaited<ReturnType<typeof ensureSwarm>> | undefined;
const { made, check, client } = checkSuite({ afterwards: async () => swarm?.leave() });

function composeFile(services: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "dtt-stack-"));
  const [key, value] = TEST_LABEL.split("=");
  const body = services
    .map((s) => `  ${s}:\n    image: busybox\n    command: sleep 3600\n    stop_grace_period: 1s\n    labels:\n      ${key}: "${value}"\n`)
    .join("");
  const path = join(dir, "docker-compose.yml");
  writeFileSync(path, `version: "3.8"\nservices:\n${body}`);
  return path;
}

describe("stack check", () => {
  it("fails while the stack is missing or lacks a service, then passes, and proves removal", async () => {
    const name = made.name("stack", "shop");
    const spec = { kind: "stack", name, services: ["web", "db"] };
    const inSwarm = (await client().info()).swarm.state === "active";
    const before = await check(spec);
    expect(before).toMatchObject({ pass: false, expected: `stack \`${name}\` is deployed with the services \`web\`, \`db\`` });
    expect(before.actual).toBe(
      inSwarm ? `there is no stack \`${name}\`` : `this daemon is not in a swarm, so there is no stack \`${name}\``,
    );
    swarm = await ensureSwarm();
    await docker("stack", "deploy", "--resolve-image", "never", "-c", composeFile(["web"]), name);
    expect((await check(spec)).actual).toBe(`stack \`${name}\` has no service \`db\` (it has \`web\`)`);
    await docker("stack", "deploy", "--resolve-image", "never", "-c", composeFile(["web", "db"]), name);
    expect(await check(spec)).toMatchObject({ pass: true });
    const gone = { kind: "stack", name, exists: false };
    expect((await check(gone)).actual).toMatch(
      new RegExp(`^stack \`${name}\` is still deployed \\(services \`(web|db)\`, \`(web|db)\`\\)$`),
    );
    await docker("stack", "rm", name);
    expect(await check(gone)).toMatchObject({ pass: true, actual: `there is no stack \`${name}\`` });
  });
});
