import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import { clearHeldName } from "../../../src/engine/clear-held-name.js";
import { heldBy, type NameHolder, nameToMake } from "../../../src/engine/held-name.js";
import { afterConflict, beforeSolution } from "../../../src/engine/held-name-words.js";
import { emptyMade } from "../../../src/engine/made-record.js";
import { type DaemonObjects, snapshotOf } from "../../../src/engine/ownership.js";
import type { MadeRecord } from "../../../src/progress/store.js";
import { daemonWorld } from "../../helpers/daemon-objects.js";

const minutesAgo = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) - m * 60_000);
const NOW = minutesAgo(0);
const container = (id: string, name: string, state = "exited", labels: Record<string, string> = {}) => ({
  id,
  name,
  image: "nginx",
  created: minutesAgo(3),
  state,
  ports: [],
  labels,
});
const network = (id: string, name: string, attached: string[] = []) =>
  ({
    id,
    name,
    labels: {},
    created: minutesAgo(12),
    containers: attached.map((n) => ({ id: n, name: n, ipv4: "" })),
  }) as unknown as DaemonObjects["networks"][number];
const world = daemonWorld;

const snapshot = snapshotOf(world({ containers: [container("old", "web1")], networks: [network("n-old", "appnet")] }), minutesAgo(60));
/** The lesson was seen making container `new` and network `n-new` while it ran. */
const made: MadeRecord = {
  ...emptyMade(),
  containers: [{ id: "new", name: "web1", image: "nginx" }],
  networks: [{ id: "n-new", name: "appnet" }],
};

describe("the name a command makes", () => {
  const env = { vars: { WEB: "web9" }, cwd: "/tmp" };
  it.each([
    ["docker run -d --name web1 -p 8080:80 nginx", { kind: "container", name: "web1" }],
    ["docker container run --name=web1 nginx", { kind: "container", name: "web1" }],
    ["docker create --name $WEB nginx", { kind: "container", name: "web9" }],
    ["docker network create appnet", { kind: "network", name: "appnet" }],
  ])("%s", async (line, made) => expect(await nameToMake(line, env)).toEqual(made));

  it.each(["docker run nginx", "docker start web1", "docker rm -f web1", "docker volume create v", "ls", "docker run --bogus x"])(
    "%s: none",
    async (line) => expect(await nameToMake(line, env)).toBeUndefined(),
  );
});

describe("who holds a name", () => {
  it("the lesson's own earlier try: recorded as made while the lesson ran", () => {
    const now = world({ containers: [container("new", "web1")], networks: [network("n-new", "appnet", ["web1"])] });
    expect(heldBy({ kind: "container", name: "web1" }, now, snapshot, made)).toMatchObject({
      id: "new",
      whose: "lesson",
      state: "exited",
    });
    expect(heldBy({ kind: "network", name: "appnet" }, now, snapshot, made)).toMatchObject({ whose: "lesson", attached: ["web1"] });
  });

  it("not the lesson's: there before the snapshot, no snapshot at all, or not recorded, even under a declared name or with the tutor's label", () => {
    const now = world({ containers: [container("old", "web1"), container("other", "webb1")], networks: [network("n-old", "appnet")] });
    expect(heldBy({ kind: "container", name: "web1" }, now, snapshot, made)?.whose).toBe("before-lesson");
    expect(heldBy({ kind: "network", name: "appnet" }, now, snapshot, made)?.whose).toBe("before-lesson");
    expect(heldBy({ kind: "container", name: "web1" }, now, undefined, made)?.whose).toBe("before-lesson");
    expect(heldBy({ kind: "container", name: "webb1" }, now, snapshot, made)?.whose).toBe("not-the-lessons");
    expect(heldBy({ kind: "container", name: "free" }, now, snapshot, made)).toBeUndefined();
    // made a month after the lesson under one of its names, or from an image labelled for it: the learner's
    const later = world({ containers: [container("later", "web1", "running", { "docker-tutor.lesson": "networks" })] });
    expect(heldBy({ kind: "container", name: "web1" }, later, snapshot, made)?.whose).toBe("not-the-lessons");
    expect(heldBy({ kind: "container", name: "web1" }, later, snapshot, undefined)?.whose).toBe("not-the-lessons");
  });
});

const holder = (over: Partial<NameHolder> = {}): NameHolder => ({
  kind: "container",
  name: "web1",
  id: "c1",
  created: minutesAgo(3),
  state: "exited",
  attached: [],
  whose: "lesson",
  ...over,
});

describe("the sentence after Docker's name conflict", () => {
  it("the lesson's own container: its state and age, and the one fix", () => {
    expect(afterConflict(holder(), { now: NOW })).toBe(
      "`web1` is the container from your earlier try (exited, made 3 minutes ago): remove it with `docker rm -f web1`, then run your command again.",
    );
    expect(afterConflict(holder({ state: "created", created: new Date(NOW.getTime() - 4000) }), { now: NOW })).toBe(
      "`web1` is the container from your earlier try (created but never started, made 4 seconds ago): remove it with `docker rm -f web1`, then run your command again.",
    );
    expect(afterConflict(holder({ state: "running", created: minutesAgo(1) }), { now: NOW })).toContain(
      "(running, made about a minute ago)",
    );
  });

  it("the lesson's own network: remove it, or, with containers on it, go on with it", () => {
    const net = holder({ kind: "network", name: "appnet", state: undefined, created: minutesAgo(12) });
    expect(afterConflict(net, { now: NOW })).toBe(
      "`appnet` is the network from your earlier try (made 12 minutes ago): remove it with `docker network rm appnet`, then run your command again.",
    );
    expect(afterConflict({ ...net, attached: ["app", "db"] }, { now: NOW })).toBe(
      "`appnet` is the network from your earlier try (made 12 minutes ago), with `app` and `db` on it: it is there already, so go on without creating it again.",
    );
  });

  it("not the lesson's: said so, the tutor will not remove it, another name given concretely", () => {
    expect(afterConflict(holder({ whose: "before-lesson" }), { now: NOW, rename: "docker-tutor lesson 4 --var web=web1-2" })).toBe(
      "`web1` is a container that was here before the lesson began, so it is not the lesson's and the tutor will not remove it: give the lesson another name (`docker-tutor lesson 4 --var web=web1-2`), or remove it with `docker rm -f web1` if it is yours to lose.",
    );
    expect(afterConflict(holder({ name: "webb1", whose: "not-the-lessons" }), { now: NOW })).toBe(
      "`webb1` is a container that was made 3 minutes ago, and not by this lesson while it ran, so it is not the lesson's and the tutor will not remove it: use another name, or remove it with `docker rm -f webb1` if it is yours to lose.",
    );
  });
});

describe("before a solution makes a name that is taken", () => {
  it("removes the lesson's own, saying so in one line", () => {
    expect(beforeSolution(holder(), { now: NOW })).toEqual({
      action: "remove",
      sentence: "Removing `web1`, the lesson's container from an earlier try (exited, made 3 minutes ago), as `docker rm -f web1` would.",
    });
  });

  it("stops on anything not the lesson's, and leaves a network containers still use to Docker", () => {
    expect(beforeSolution(holder({ whose: "before-lesson" }), { now: NOW, rename: "--var web=web1-2" })).toEqual({
      action: "stop",
      sentence:
        "`web1` is a container that was here before the lesson began, so it is not the lesson's and the solution stops here rather than remove it: give the lesson another name (`--var web=web1-2`), or remove it with `docker rm -f web1` if it is yours to lose.",
    });
    expect(beforeSolution(holder({ kind: "network", name: "appnet", state: undefined, attached: ["x"] }), { now: NOW })).toEqual({
      action: "proceed",
    });
  });
});

describe("clearing a name before a solution's command", () => {
  const env = { vars: {}, cwd: "/tmp" };
  const daemon = (containers: DaemonObjects["containers"], removed: string[]) =>
    ({
      listContainers: async () => containers,
      removeContainer: async (id: string) => void removed.push(id),
    }) as unknown as DockerClient;
  const scope = (client: DockerClient, snap = snapshot, record: MadeRecord | undefined = made) => ({
    client,
    snapshot: snap,
    made: async () => record,
    variables: { web: "web1" },
    now: async () => NOW,
  });

  it("removes the lesson's own earlier container and says so; a free name or a nameless command goes ahead silently", async () => {
    const removed: string[] = [];
    const client = daemon([container("new", "web1")], removed);
    expect(await clearHeldName("docker run -d --name web1 nginx", env, scope(client))).toEqual({
      go: true,
      said: "Removing `web1`, the lesson's container from an earlier try (exited, made 3 minutes ago), as `docker rm -f web1` would.",
    });
    expect(removed).toEqual(["new"]);
    expect(await clearHeldName("docker run -d --name web2 nginx", env, scope(client))).toEqual({ go: true });
    expect(await clearHeldName("docker ps", env, scope(client))).toEqual({ go: true });
    expect(removed).toEqual(["new"]);
  });

  it("never removes what was there before the lesson: the command does not run", async () => {
    const removed: string[] = [];
    const clearing = await clearHeldName("docker run -d --name web1 nginx", env, scope(daemon([container("old", "web1")], removed)));
    expect(clearing.go).toBe(false);
    expect(clearing.said).toContain("give the lesson another name (`--var web=web1-2`)");
    expect(removed).toEqual([]);
  });

  it("never removes what the lesson was not seen making, under its name or not (progress without a record too)", async () => {
    const removed: string[] = [];
    const client = daemon([container("later", "web1")], removed);
    for (const record of [made, undefined]) {
      const clearing = await clearHeldName("docker run -d --name web1 nginx", env, scope(client, snapshot, record));
      expect(clearing).toMatchObject({ go: false });
      expect(clearing.said).toContain("not by this lesson while it ran");
    }
    expect(removed).toEqual([]);
  });

  it("looks at what the lesson made only when the name is taken", async () => {
    let looked = 0;
    const client = daemon([], []);
    const counting = {
      ...scope(client),
      made: async () => {
        looked += 1;
        return made;
      },
    };
    expect(await clearHeldName("docker run -d --name web1 nginx", env, counting)).toEqual({ go: true });
    expect(looked).toBe(0);
  });

  it("with no record of the lesson's start, it asks the daemon nothing and leaves the command to Docker", async () => {
    const client = { listContainers: () => Promise.reject(new Error("not asked")) } as unknown as DockerClient;
    expect(await clearHeldName("docker run --name web1 nginx", env, { ...scope(client), snapshot: undefined })).toEqual({ go: true });
  });
});
