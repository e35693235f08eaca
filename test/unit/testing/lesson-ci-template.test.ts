import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** docs/lesson-ci.yml, the workflow pack authors copy: it runs strangers' lessons with a repository token around. */
const workflow = parse(readFileSync(new URL("../../../docs/lesson-ci.yml", import.meta.url), "utf8")) as {
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: { test: { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] } };
};
const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

describe("the CI template for lesson packs", () => {
  it("reads the repository only, and the checkout keeps no credentials", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    const checkout = workflow.jobs.test.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["persist-credentials"]).toBe(false);
  });

  it("runs the docker-tutor of this package's version, pinned, in every step that runs it", () => {
    expect(workflow.env.DOCKER_TUTOR).toBe(`docker-tutor@${version}`);
    const runs = workflow.jobs.test.steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) expect(run).toMatch(/^npx --yes "\$DOCKER_TUTOR" /);
  });
});
