import { describe, expect, it } from "vitest";
import { emptyMade } from "../../../src/engine/made-record.js";
import { foreignNameClashes, renameAdvice } from "../../../src/engine/name-clashes.js";
import { type DaemonObjects, madeSince, snapshotOf } from "../../../src/engine/ownership.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import { daemonWorld } from "../../helpers/daemon-objects.js";

const lesson = (extra: Record<string, unknown> = {}) =>
  lessonSchema.parse({
    format: 1,
    id: "swarm",
    number: 5,
    slug: "swarm",
    title: "t",
    summary: "s",
    minutes: 5,
    resources: { containers: [{ name: "web" }, { image: "alpine" }], networks: ["overnet"], services: ["myservice"], images: ["hello:v1"] },
    steps: [{ id: "a", title: "a", text: "a", checks: [{ kind: "swarm" }] }],
    ...extra,
  });

const container = (id: string, name: string, image: string, labels: Record<string, string> = {}) => ({
  id,
  name,
  image,
  created: new Date(0),
  state: "running",
  ports: [],
  labels,
});
const network = (id: string, name: string) => ({ id, name, labels: {} }) as unknown as DaemonObjects["networks"][number];
const service = (id: string, name: string) => ({ id, name, labels: {} }) as unknown as DaemonObjects["services"][number];

const world = daemonWorld;

describe("what the lesson's rules accept as made since a look at the daemon", () => {
  const before = snapshotOf(
    world({ containers: [container("old", "web", "nginx"), container("old2", "x", "alpine")], networks: [network("n0", "bridge")] }),
    new Date(0),
  );

  it("declared names and images made after the snapshot; no label of the tutor's counts alone", () => {
    const now = world({
      containers: [
        container("old", "web", "nginx"),
        container("old2", "x", "alpine"),
        container("new", "web", "nginx"),
        container("new2", "eager_turing", "alpine:latest"),
        container("new2b", "eager_turing7", "alpine"),
        // made during the lesson from a declared image, but named by the learner: theirs
        container("named", "my-own", "alpine"),
        container("named2", "myown", "alpine"),
        container("new3", "mine", "busybox"),
        // an image labelled for the lesson passes the label to every container made from it
        container("labelled", "probe", "busybox", { "docker-tutor.lesson": "swarm" }),
      ],
      networks: [network("n0", "bridge"), network("n1", "overnet"), network("n2", "theirs")],
      services: [service("s1", "myservice"), service("s2", "theirs")],
    });
    const owned = madeSince(lesson(), before, now);
    expect(owned.containers.map((c) => c.id)).toEqual(["new", "new2", "new2b"]);
    expect(owned.networks.map((n) => n.name)).toEqual(["overnet"]);
    expect(owned.services.map((s) => s.name)).toEqual(["myservice"]);
  });

  it("in a test run, a container by image counts only with the run's own label, and any container with it does", () => {
    const run = { key: "docker-tutor.test-run", value: "abcde" };
    const now = world({
      containers: [
        container("docker-named", "eager_turing", "alpine"),
        container("run-named", "eager_turing2", "alpine", { [run.key]: "abcde" }),
        container("run-other", "helper-abcde", "busybox", { [run.key]: "abcde" }),
        container("other-run", "x_y", "alpine", { [run.key]: "zzzzz" }),
        // in the look it was made before, even with the label
        container("old2", "x", "alpine", { [run.key]: "abcde" }),
      ],
    });
    expect(madeSince(lesson(), before, now, run).containers.map((c) => c.id)).toEqual(["run-named", "run-other"]);
  });

  it("a swarm counts only if the lesson needs one, found none, and one is active now", () => {
    const needsSwarm = lesson({ requires: { swarm: true } });
    const inactiveBefore = snapshotOf(world({ swarmActive: false }), new Date(0));
    const activeBefore = snapshotOf(world({ swarmActive: true }), new Date(0));
    expect(madeSince(needsSwarm, inactiveBefore, world({ swarmActive: true })).leaveSwarm).toBe(true);
    expect(madeSince(needsSwarm, activeBefore, world({ swarmActive: true })).leaveSwarm).toBe(false);
    expect(madeSince(needsSwarm, inactiveBefore, world({ swarmActive: false })).leaveSwarm).toBe(false);
    expect(madeSince(lesson(), inactiveBefore, world({ swarmActive: true })).leaveSwarm).toBe(false);
    const { swarmActive: _, ...olderSnapshot } = inactiveBefore;
    expect(madeSince(needsSwarm, olderSnapshot, world({ swarmActive: true })).leaveSwarm).toBe(false);
  });
});

describe("names the lesson uses that something else has", () => {
  const needs = lesson({
    resources: {
      containers: [{ name: "web" }],
      networks: ["overnet"],
      volumes: ["data"],
      services: ["myservice"],
      images: ["hello:v1", "alpine"],
    },
    requires: { images: ["alpine"] },
  });
  const image = (id: string, tags: string[]) => ({ id, tags }) as unknown as DaemonObjects["images"][number];
  const volume = (name: string) => ({ name, labels: {} }) as unknown as DaemonObjects["volumes"][number];

  it("names each one that existed before the lesson, but not the lesson's own or shared base images", () => {
    const before = world({
      containers: [container("c1", "web", "nginx")],
      networks: [network("n1", "overnet")],
      volumes: [volume("data")],
      images: [image("i1", ["hello:v1"]), image("i2", ["alpine:latest"])],
    });
    expect(foreignNameClashes(needs, undefined, before)).toEqual(["container web", "network overnet", "volume data", "image hello:v1"]);
    const made = { ...emptyMade(), containers: [{ id: "c2", name: "web", image: "nginx" }], services: [{ id: "s1", name: "myservice" }] };
    const afterwards = world({ containers: [container("c2", "web", "nginx")], services: [service("s1", "myservice")] });
    expect(foreignNameClashes(needs, made, afterwards)).toEqual([]);
    // made since under the lesson's names, but not seen made by it: not its own
    expect(foreignNameClashes(needs, emptyMade(), afterwards)).toEqual(["container web", "service myservice"]);
  });

  it("suggests other values for the variables the clashing names come from", () => {
    expect(renameAdvice(["container web1", "network my-net"], { web: "web1", net: "my-net", port: "80" })).toEqual([
      "--var web=web1-2",
      "--var net=my-net-2",
    ]);
  });
});
