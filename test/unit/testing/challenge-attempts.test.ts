import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/checks/check.js";
import type { DockerReader } from "../../../src/docker/reader.js";
import type { DockerRemover } from "../../../src/docker/remover.js";
import type { DaemonObjects } from "../../../src/engine/ownership.js";
import { attemptChanges, backToStart, markStart } from "../../../src/testing/attempt-start.js";
import { failsList, wrongAttemptVerdict } from "../../../src/testing/attempt-verdict.js";
import type { StepOutcome } from "../../../src/testing/lesson-test.js";
import { challengeCounts, challengeLine, junitXml } from "../../../src/testing/report.js";
import { outcomeLine } from "../../../src/ui/test-report.js";
import { createTheme } from "../../../src/ui/theme.js";
import { daemonWorld } from "../../helpers/daemon-objects.js";

const result = (pass: boolean, actual: string, expected = "container `site` mounts bind `site` read-only"): CheckResult => ({
  kind: "container",
  pass,
  expected,
  actual,
});

describe("a known-wrong attempt's verdict", () => {
  it("is refused when a failing check names the difference, in any case", () => {
    const verdict = wrongAttemptVerdict(
      [result(true, "ok"), result(false, "mounts bind `/w/site` at `/html` WRITABLE, not read-only")],
      ["writable, not read-only"],
    );
    expect(verdict).toEqual({ ok: true, note: "refused: mounts bind `/w/site` at `/html` WRITABLE, not read-only" });
  });

  it("fails when the checks pass: they accept the near miss", () =>
    expect(wrongAttemptVerdict([result(true, "ok")], ["read-only"])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/accept it/),
    }));

  it("fails when it is refused for something else: the learner would not be told the difference", () => {
    const verdict = wrongAttemptVerdict(
      [result(false, "publishes no ports", "container `site` publishes 80/tcp")],
      ["read-only", "no ports"],
    );
    expect(verdict).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no failing check says "read-only"/),
      actual: "publishes no ports",
    });
  });

  it("finds the words in what a check expected as well as in what it found", () =>
    expect(wrongAttemptVerdict([result(false, "there is no container named `site`")], ["mounts bind `site` read-only"]).ok).toBe(true));

  it("takes fails: as one text or several", () => {
    expect(failsList("a")).toEqual(["a"]);
    expect(failsList(["a", "b"])).toEqual(["a", "b"]);
  });
});

const mark = { suffix: "k3x9q", label: { key: "docker-tutor.test-run", value: "k3x9q" } };
type Container = DaemonObjects["containers"][number];
const container = (id: string, name: string, state = "running", labels: Record<string, string> = {}) =>
  ({ id, name, state, labels, image: "alpine" }) as unknown as Container;
const world = daemonWorld;
const image = (id: string, tags: string[]) => ({ id, tags }) as unknown as DaemonObjects["images"][number];

describe("what an attempt made and changed", () => {
  const before = world({
    containers: [container("c1", "web-k3x9q"), container("mine", "db")],
    images: [image("i1", ["hello-k3x9q:v0.2"])],
    networks: [{ id: "n1", name: "bridge" } as DaemonObjects["networks"][number]],
  });

  it("made: new things with the run's suffix or label, never another's, never a service's task", () => {
    const now = world({
      ...before,
      containers: [
        ...before.containers,
        container("c2", "front-k3x9q"),
        container("c3", "eager_turing", "exited", { [mark.label.key]: mark.suffix }),
        container("c4", "someone-else"),
        container("t1", "shop-k3x9q.1.abc", "running", { "com.docker.swarm.service.name": "shop-k3x9q" }),
      ],
      images: [image("i1", ["hello-k3x9q:v0.2", "localhost:8021/hello-k3x9q:stable"]), image("i2", ["other:1"])],
      networks: [...before.networks, { id: "n2", name: "hub-k3x9q" } as DaemonObjects["networks"][number]],
      volumes: [{ name: "data-k3x9q" } as DaemonObjects["volumes"][number], { name: "9f8e7d" } as DaemonObjects["volumes"][number]],
      services: [{ id: "s1", name: "shop-k3x9q" } as DaemonObjects["services"][number]],
    });
    const { made, changed } = attemptChanges(before, now, mark);
    expect(made.containers.map((c) => c.id)).toEqual(["c2", "c3"]);
    expect(made.networks.map((n) => n.name)).toEqual(["hub-k3x9q"]);
    expect(made.volumes).toEqual(["data-k3x9q"]);
    expect(made.services.map((s) => s.name)).toEqual(["shop-k3x9q"]);
    expect(made.imageTags).toEqual(["localhost:8021/hello-k3x9q:stable"]);
    expect(changed).toEqual([]);
  });

  it("changed: the run's container stopped or gone, its tag moved or gone; others' are theirs to change", () => {
    const now = world({ containers: [container("mine", "db", "exited")], images: [image("i9", ["hello-k3x9q:v0.2"])] });
    expect(attemptChanges(before, now, mark).changed).toEqual([
      "container web-k3x9q is gone",
      "image tag hello-k3x9q:v0.2 names another image",
    ]);
    const stopped = world({ ...before, containers: [container("c1", "web-k3x9q", "exited")], images: [] });
    expect(attemptChanges(before, stopped, mark).changed).toEqual([
      "container web-k3x9q is exited, was running",
      "image tag hello-k3x9q:v0.2 is gone",
    ]);
  });
});

describe("back to where the step began", () => {
  it("removes what the attempt made and restores the workspace's files", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "attempt-start-"));
    writeFileSync(join(workspace, "hello.sh"), "v0.1");
    let daemon = world();
    const removed: string[] = [];
    const client = {
      listContainers: async () => daemon.containers,
      listImages: async () => daemon.images,
      listNetworks: async () => daemon.networks,
      listVolumes: async () => daemon.volumes,
      listServicesDetailed: async () => daemon.services,
      info: async () => ({ swarm: { state: "inactive", clusterId: "" } }),
      removeContainer: async (id: string) => void removed.push(id),
    } as unknown as DockerReader & DockerRemover;
    const start = await markStart(client, workspace);
    daemon = world({ containers: [container("c2", "front-k3x9q")] });
    writeFileSync(join(workspace, "hello.sh"), "v0.2");
    writeFileSync(join(workspace, "new.txt"), "x");
    expect(await backToStart(client, start, workspace, mark)).toEqual([]);
    expect(removed).toEqual(["c2"]);
    expect(readFileSync(join(workspace, "hello.sh"), "utf8")).toBe("v0.1");
    expect(() => readFileSync(join(workspace, "new.txt"))).toThrow();
  });
});

const outcome = (over: Partial<StepOutcome>): StepOutcome => ({
  lesson: { number: 3, slug: "bind-mounts", file: "lessons/03-bind-mounts.yaml" },
  id: "challenge-read-only-site",
  title: "Challenge",
  ok: true,
  ms: 1200,
  phase: "after",
  ...over,
});

describe("the counts of a test run's challenge attempts", () => {
  const outcomes = [
    outcome({ id: "build-v1" }),
    outcome({ attempt: { kind: "solution", number: 1, label: "" } }),
    outcome({ attempt: { kind: "alternative", number: 1, label: "alternative 1" }, title: "another correct solution (must pass)" }),
    outcome({ attempt: { kind: "wrong", number: 1, label: "wrong attempt 1" }, title: "mounts the folder writable (must be refused)" }),
    outcome({
      attempt: { kind: "wrong", number: 2, label: "wrong attempt 2" },
      ok: false,
      message: "the checks pass after this near miss",
    }),
  ];

  it("counts correct attempts that passed and wrong ones refused, and says what failed", () => {
    expect(challengeCounts(outcomes)).toEqual({ correctPassed: 2, correctFailed: 0, wrongRefused: 1, wrongNotRefused: 1 });
    expect(challengeLine(outcomes)).toBe("challenge attempts: 2 correct passed, 1 wrong refused; 1 wrong not refused\n");
    expect(challengeLine(outcomes.slice(0, 4))).toBe("challenge attempts: 2 correct passed, 1 wrong refused\n");
    expect(challengeLine([outcome({ id: "build-v1" })])).toBe("");
  });

  it("gives each attempt a JUnit testcase and a line of its own", () => {
    const xml = junitXml([{ outcomes }], new Date("2026-12-07T10:00:00Z"));
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('name="challenge-read-only-site › wrong attempt 1: mounts the folder writable (must be refused)"');
    expect(xml).toContain('name="challenge-read-only-site › alternative 1: another correct solution (must pass)"');
    const line = outcomeLine(outcomes[4] as StepOutcome, createTheme(false));
    expect(line).toMatch(/^not ok {2}3 bind-mounts › challenge-read-only-site › wrong attempt 2/);
  });
});
