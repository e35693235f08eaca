import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** docs/classroom50-workflow.yml, which courses copy: it runs a student's script on the runner with a repository token around. */
const workflow = parse(readFileSync(new URL("../../../docs/classroom50-workflow.yml", import.meta.url), "utf8")) as {
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: { grade: { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] } };
};
const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
const runs = workflow.jobs.grade.steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));

describe("the Classroom 50 grading workflow for course repositories", () => {
  it("reads the repository only, and the checkout keeps no credentials for the student's script to find", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    const checkout = workflow.jobs.grade.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["persist-credentials"]).toBe(false);
  });

  it("runs the docker-tutor of this package's version, pinned, in every step that runs it", () => {
    expect(workflow.env.DOCKER_TUTOR).toBe(`docker-tutor@${version}`);
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) expect(run).toMatch(/^npx --yes "\$DOCKER_TUTOR" /);
  });

  it("grades the student's script under check --classroom50 result.json -- bash labN.sh, and keeps the file", () => {
    expect(runs).toContain('npx --yes "$DOCKER_TUTOR" check "$LAB" --classroom50 result.json -- bash "lab$LAB.sh"');
    const upload = workflow.jobs.grade.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(String(upload?.with?.path)).toContain("result.json");
  });

  it("hands result.json every field Classroom 50 reads from the runner's environment", () => {
    for (const name of ["CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "COMMIT_URL", "RELEASE_URL", "REVIEW_URL"]) {
      expect(Object.keys(workflow.env)).toContain(name);
    }
  });
});
