import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { pullImage, requireDaemon } from "../helpers/engine-api.js";
import { lessonWorkspace, startHeadlessLesson } from "../helpers/lesson-harness.js";
import { failedOf, lessonVars } from "../helpers/lesson-walk.js";

/**
 * Lesson 2's rebuild step when one build is typed with the docker CLI (BuildKit through buildx) and
 * the other is run by the tutor (`r`, solve, test): both go to the daemon's BuildKit, so they share
 * one cache, and v0.2 reuses v0.1's RUN layer in either order.
 */

const madeImages = new Set<string>();
const madeContainers = new Set<string>();

beforeAll(async () => {
  await requireDaemon();
  await pullImage("alpine");
});

afterAll(async () => {
  for (const name of madeContainers) await shell(`docker container rm -f ${name}`);
  for (const ref of madeImages) await shell(`docker image rm ${ref}`);
});

type Builder = "cli" | "tutor";

async function rebuildStepAfter(first: Builder, second: Builder) {
  const vars = await lessonVars(2);
  const v01 = `${vars.app}:v0.1`;
  const v02 = `${vars.app}:v0.2`;
  const runName = `${vars.app}-run`;
  madeImages.add(v01);
  madeImages.add(v02);
  madeContainers.add(runName);
  const h = await startHeadlessLesson(2, vars, { stepId: "build-v02" });
  const workspace = lessonWorkspace(h.entry);
  const build = async (who: Builder, tag: string): Promise<string> => {
    const line = `docker image build -t ${tag} .`;
    if (who === "cli") return mustShell(`${line} 2>&1`, undefined, workspace);
    let output = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    const code = await h.client.runCommand(line, { stdout: sink, stderr: sink, cwd: workspace, env: { PATH: process.env.PATH } });
    expect(code, output).toBe(0);
    return output;
  };
  try {
    await h.waitFor((o) => o.type === "step" && o.step.id === "build-v02");
    // the step may pass by itself on the daemon's events, before the key press below
    const from = h.outputs.length;
    await build(first, v01);
    const app = join(workspace, "hello.sh");
    writeFileSync(app, readFileSync(app, "utf8").replace('VERSION="v0.1"', 'VERSION="v0.2"'));
    const output = await build(second, v02);
    await mustShell(`docker container run --name ${runName} ${v02}`);
    h.session.engine.dispatch({ type: "key", key: "check" });
    const verdict = await h.waitFor((o) => (o.type === "passed" || o.type === "not-yet") && o.step.id === "build-v02", 30_000, from);
    return { output, verdict: verdict.output };
  } finally {
    await h.session.close();
    rmSync(h.dataDir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
}

describe("lesson 2's cache step with builds from the CLI and from the tutor", () => {
  it.each<[Builder, Builder]>([
    ["cli", "tutor"],
    ["tutor", "cli"],
  ])(
    "v0.1 built by the %s, v0.2 by the %s: the RUN step is CACHED and the step passes",
    async (first, second) => {
      const { output, verdict } = await rebuildStepAfter(first, second);
      expect(failedOf(verdict), output).toEqual([]);
      expect(verdict.type).toBe("passed");
      expect(output).toMatch(/^#(\d+) \[\d\/\d\] RUN .*\n#\1 CACHED$/m);
    },
    120_000,
  );
});
