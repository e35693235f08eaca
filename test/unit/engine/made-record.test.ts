import { describe, expect, it } from "vitest";
import { baselineOf, emptyMade, leftByRecord, madeInRound, mergeMade, ownedByRecord } from "../../../src/engine/made-record.js";
import type { DaemonObjects } from "../../../src/engine/ownership.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import type { MadeRecord } from "../../../src/progress/store.js";
import { daemonWorld } from "../../helpers/daemon-objects.js";

const lesson = (extra: Record<string, unknown> = {}) =>
  lessonSchema.parse({
    format: 1,
    id: "networks",
    number: 4,
    slug: "networks",
    title: "t",
    summary: "s",
    minutes: 5,
    resources: {
      containers: [{ name: "db" }, { image: "alpine" }],
      networks: ["appnet"],
      volumes: ["data"],
      services: ["web"],
      images: ["hello:v1"],
    },
    steps: [{ id: "a", title: "a", text: "a", checks: [{ kind: "swarm" }] }],
    ...extra,
  });

const container = (id: string, name: string, image = "alpine", labels: Record<string, string> = {}) =>
  ({ id, name, image, created: new Date(0), state: "running", ports: [], labels }) as DaemonObjects["containers"][number];
const network = (id: string, name: string) => ({ id, name, labels: {} }) as unknown as DaemonObjects["networks"][number];
const volume = (name: string, created: string) => ({ name, labels: {}, created: new Date(created) }) as DaemonObjects["volumes"][number];
const service = (id: string, name: string) => ({ id, name, labels: {} }) as unknown as DaemonObjects["services"][number];
const image = (id: string, tags: string[]) => ({ id, tags, created: new Date(0) }) as DaemonObjects["images"][number];
const world = daemonWorld;
const T0 = new Date("2026-12-06T10:00:00Z");

/** Records one look at `now` against a run that began at `before`, as a lesson run does. */
const recordLook = (before: DaemonObjects, now: DaemonObjects, made?: MadeRecord, of = lesson()) =>
  mergeMade(made, madeInRound(of, baselineOf(before, T0), made, now));

describe("what a lesson run records as made", () => {
  it("records by id what appears under the lesson's names, or by image when Docker named it, and nothing of the learner's", () => {
    const before = world({ containers: [container("old", "keep")], images: [image("sha-alpine", ["alpine:latest"])] });
    const now = world({
      containers: [
        container("old", "keep"),
        container("c-db", "db", "postgres"),
        container("c-gen", "eager_turing"),
        container("c-mine", "my-own"),
        container("c-lab", "probe", "busybox", { "docker-tutor.lesson": "networks" }),
      ],
      networks: [network("n1", "appnet"), network("n2", "theirs")],
      volumes: [volume("data", "2026-12-06T10:01:00Z"), volume("other", "2026-12-06T10:01:00Z")],
      services: [service("s1", "web")],
      images: [image("sha-alpine", ["alpine:latest"]), image("sha-hello", ["hello:v1"])],
    });
    const made = recordLook(before, now);
    expect(made.containers.map((c) => c.id)).toEqual(["c-db", "c-gen"]);
    expect(made.networks).toEqual([{ id: "n1", name: "appnet" }]);
    expect(made.volumes).toEqual([{ name: "data", created: "2026-12-06T10:01:00.000Z" }]);
    expect(made.services).toEqual([{ id: "s1", name: "web" }]);
    expect(made.imageTags).toEqual([{ tag: "hello:v1", imageId: "sha-hello" }]);
    expect(made.swarmCluster).toBeUndefined();
  });

  it("a resumed run records nothing that appeared while the lesson was not running", () => {
    // the learner made db and data a month after they left the lesson; the run that resumes it starts now
    const meanwhile = world({ containers: [container("c-db2", "db")], volumes: [volume("data", "2027-01-06T10:00:00Z")] });
    expect(recordLook(meanwhile, meanwhile, emptyMade())).toEqual(emptyMade());
  });

  it("merging keeps the same record when nothing is new, so nothing is written", () => {
    const made: MadeRecord = { ...emptyMade(), containers: [{ id: "c-db", name: "db", image: "postgres" }] };
    expect(mergeMade(made, { ...emptyMade(), containers: [{ id: "c-db", name: "db", image: "postgres" }] })).toBe(made);
    const grown = mergeMade(made, { ...emptyMade(), networks: [{ id: "n1", name: "appnet" }] });
    expect(grown).not.toBe(made);
    expect(grown.networks).toEqual([{ id: "n1", name: "appnet" }]);
    expect(mergeMade(undefined, emptyMade())).toEqual(emptyMade());
  });

  it("a tag the lesson made and then rebuilt in a later run is recorded again; one moved before that run is not", () => {
    const made: MadeRecord = { ...emptyMade(), imageTags: [{ tag: "hello:v1", imageId: "sha-1" }] };
    const atResume = world({ images: [image("sha-1", ["hello:v1"])] });
    const rebuilt = world({ images: [image("sha-2", ["hello:v1"]), image("sha-1", [])] });
    expect(recordLook(atResume, rebuilt, made).imageTags).toEqual([
      { tag: "hello:v1", imageId: "sha-1" },
      { tag: "hello:v1", imageId: "sha-2" },
    ]);
    const movedMeanwhile = world({ images: [image("sha-3", ["hello:v1"])] });
    expect(recordLook(movedMeanwhile, movedMeanwhile, made)).toBe(made);
  });

  it("records the swarm's cluster id when a lesson that needs a swarm sees one begin", () => {
    const swarmLesson = lesson({ requires: { swarm: true } });
    const active = world({ swarmActive: true, swarmCluster: "cluster-a" });
    expect(recordLook(world(), active, undefined, swarmLesson).swarmCluster).toBe("cluster-a");
    expect(recordLook(active, active, undefined, swarmLesson).swarmCluster).toBeUndefined();
    expect(recordLook(world(), active).swarmCluster).toBeUndefined();
  });
});

describe("what reset removes: the record's ids that still exist", () => {
  const made: MadeRecord = {
    containers: [{ id: "c-db", name: "db", image: "postgres" }],
    networks: [{ id: "n1", name: "appnet" }],
    volumes: [{ name: "data", created: "2026-12-06T10:01:00.000Z" }],
    services: [{ id: "s1", name: "web" }],
    imageTags: [{ tag: "hello:v1", imageId: "sha-hello" }],
    swarmCluster: "cluster-a",
  };

  it("everything recorded that is still the same thing", () => {
    const now = world({
      containers: [container("c-db", "db", "postgres")],
      networks: [network("n1", "appnet")],
      volumes: [volume("data", "2026-12-06T10:01:00Z")],
      services: [service("s1", "web")],
      images: [image("sha-hello", ["hello:v1"])],
      swarmActive: true,
      swarmCluster: "cluster-a",
    });
    expect(ownedByRecord(made, now)).toEqual({
      containers: [{ id: "c-db", name: "db", image: "postgres" }],
      networks: [{ id: "n1", name: "appnet" }],
      volumes: ["data"],
      services: [{ id: "s1", name: "web" }],
      imageTags: ["hello:v1"],
      leaveSwarm: true,
    });
  });

  it("nothing made later under the same names: a new db, a new data volume, the tag moved, another swarm", () => {
    const later = world({
      containers: [container("c-db-later", "db", "postgres")],
      networks: [network("n9", "appnet")],
      volumes: [volume("data", "2027-01-06T10:00:00Z")],
      services: [service("s9", "web")],
      images: [image("sha-mine", ["hello:v1"])],
      swarmActive: true,
      swarmCluster: "cluster-joined-later",
    });
    expect(ownedByRecord(made, later)).toEqual({
      containers: [],
      networks: [],
      volumes: [],
      services: [],
      imageTags: [],
      leaveSwarm: false,
    });
  });

  it("says what it leaves that matches the lesson's names, the swarm included; all of it when progress kept no record", () => {
    const swarmLesson = lesson({ requires: { swarm: true } });
    const snapshot = baselineOf(world(), T0).snapshot;
    const later = world({
      containers: [container("c-db-later", "db", "postgres"), container("c-db", "db2", "postgres")],
      volumes: [volume("data", "2027-01-06T10:00:00Z")],
      swarmActive: true,
      swarmCluster: "cluster-joined-later",
    });
    const owned = ownedByRecord(made, later);
    expect(owned.containers.map((c) => c.id)).toEqual(["c-db"]);
    expect(leftByRecord(swarmLesson, snapshot, owned, later)).toEqual([
      "container db (postgres)",
      "volume data",
      "the swarm (not the one the lesson's swarm init made)",
    ]);
    const none = ownedByRecord(emptyMade(), later);
    expect(leftByRecord(lesson(), snapshot, none, later)).toEqual(["container db (postgres)", "volume data"]);
  });
});
