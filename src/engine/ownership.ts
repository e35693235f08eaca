import { normalizeImageRef } from "../docker/image-ref.js";
import type { DockerReader } from "../docker/reader.js";
import type { DockerRemover } from "../docker/remover.js";
import type { ContainerSummary, ImageSummary, NetworkDetails, ServiceDetails, VolumeDetails } from "../docker/views.js";
import type { Lesson } from "../lessons/schema.js";
import type { Snapshot } from "../progress/store.js";

/** The labels swarm puts on each task's container. */
const SERVICE_NAME_LABEL = "com.docker.swarm.service.name";
const SERVICE_ID_LABEL = "com.docker.swarm.service.id";

export interface DaemonObjects {
  readonly containers: readonly ContainerSummary[];
  readonly images: readonly ImageSummary[];
  readonly networks: readonly NetworkDetails[];
  readonly volumes: readonly VolumeDetails[];
  readonly services: readonly ServiceDetails[];
  readonly swarmActive: boolean;
  /** The active swarm's id as a manager sees it; empty outside a swarm or on a worker. */
  readonly swarmCluster?: string;
}

export interface OwnedResources {
  readonly services: readonly { id: string; name: string }[];
  readonly containers: readonly { id: string; name: string; image: string }[];
  readonly networks: readonly { id: string; name: string }[];
  readonly volumes: readonly string[];
  readonly imageTags: readonly string[];
  /** The swarm is the lesson's: this node leaves it. */
  readonly leaveSwarm: boolean;
}

export const NOTHING_OWNED: OwnedResources = { services: [], containers: [], networks: [], volumes: [], imageTags: [], leaveSwarm: false };

export async function readDaemonObjects(client: DockerReader): Promise<DaemonObjects> {
  const [containers, images, networks, volumes, services, info] = await Promise.all([
    client.listContainers({ all: true }),
    client.listImages(),
    client.listNetworks(),
    client.listVolumes(),
    client.listServicesDetailed(),
    client.info(),
  ]);
  const swarmActive = info.swarm.state === "active";
  return { containers, images, networks, volumes, services, swarmActive, swarmCluster: swarmActive ? info.swarm.clusterId : "" };
}

/** What exists now, as the lesson's start; `takenAt` is the daemon's now (daemon-clock.ts). */
export function snapshotOf(objects: DaemonObjects, takenAt: Date): Snapshot {
  return {
    takenAt: takenAt.toISOString(),
    containers: objects.containers.map((c) => c.id),
    images: objects.images.map((i) => i.id),
    imageTags: objects.images.flatMap((i) => i.tags.map(normalizeImageRef)),
    networks: objects.networks.map((n) => n.id),
    volumes: objects.volumes.map((v) => v.name),
    services: objects.services.map((s) => s.id),
    swarmActive: objects.swarmActive,
  };
}

/**
 * Docker names a container the learner did not name `adjective_surname`, with a digit added on a
 * clash (moby's namesgenerator). A name the learner chose says the container is theirs, even if it
 * runs an image the lesson uses.
 */
const GENERATED_NAME = /^[a-z]+_[a-z]+[0-9]?$/;
const hasGeneratedName = (name: string) => GENERATED_NAME.test(name);

/**
 * What the lesson's rules accept as made since `before`: things whose name, tag or image the
 * lesson declares that are not in it (by image only when Docker named the container), and, in a
 * test run, containers carrying the run's own label. This is what a lesson run records while it
 * runs (made-record.ts); it is never, by itself, a licence to remove: a name matched later may be
 * the learner's. No label of the tutor's counts alone, since an image's labels pass to every
 * container made from it (issue 17). Pure.
 */
export function madeSince(
  lesson: Lesson,
  before: Snapshot,
  now: DaemonObjects,
  /** A test run's label, valued with the run's own suffix: no image can carry it beforehand. */
  runLabel?: { readonly key: string; readonly value: string },
): OwnedResources {
  const declared = lesson.resources;
  const old = {
    containers: new Set(before.containers),
    tags: new Set(before.imageTags),
    networks: new Set(before.networks),
    volumes: new Set(before.volumes),
    services: new Set(before.services),
  };
  const names = new Set(declared.containers.flatMap((c) => ("name" in c ? [c.name] : [])));
  const images = new Set(declared.containers.flatMap((c) => ("image" in c ? [normalizeImageRef(c.image)] : [])));
  const runs = (c: ContainerSummary) => runLabel !== undefined && c.labels[runLabel.key] === runLabel.value;
  return {
    services: now.services
      .filter((s) => !old.services.has(s.id) && declared.services.includes(s.name))
      .map(({ id, name }) => ({ id, name })),
    containers: now.containers
      .filter(
        (c) =>
          !old.containers.has(c.id) &&
          (names.has(c.name) ||
            runs(c) ||
            // a task container of a declared service, still stopping after its service went
            declared.services.includes(c.labels[SERVICE_NAME_LABEL] ?? "") ||
            (images.has(normalizeImageRef(c.image)) && runLabel === undefined && hasGeneratedName(c.name))),
      )
      .map(({ id, name, image }) => ({ id, name, image })),
    networks: now.networks
      .filter((n) => !old.networks.has(n.id) && declared.networks.includes(n.name))
      .map(({ id, name }) => ({ id, name })),
    volumes: now.volumes.filter((v) => !old.volumes.has(v.name) && declared.volumes.includes(v.name)).map((v) => v.name),
    imageTags: declared.images
      .map(normalizeImageRef)
      .filter((tag) => !old.tags.has(tag) && now.images.some((i) => i.tags.map(normalizeImageRef).includes(tag))),
    // The lesson needs a swarm, found none, and one is active now.
    leaveSwarm: lesson.requires.swarm && before.swarmActive === false && now.swarmActive,
  };
}

/** One line per resource, in removal order: `container web (nginx:alpine)`. */
export function describeOwned(owned: OwnedResources): string[] {
  return [
    ...owned.services.map((s) => `service ${s.name}`),
    ...owned.containers.map((c) => `container ${c.name || c.id.slice(0, 12)} (${c.image})`),
    ...owned.networks.map((n) => `network ${n.name}`),
    ...owned.volumes.map((v) => `volume ${v}`),
    ...owned.imageTags.map((tag) => `image ${tag}`),
    ...(owned.leaveSwarm ? ["the swarm (the lesson started it; this node leaves it)"] : []),
  ];
}

export interface RemovalReport {
  readonly removed: readonly string[];
  readonly kept: readonly { what: string; why: string }[];
}

export interface RemovalOptions {
  /**
   * A test run's, whose services are all its own: a removed service's task containers are killed at
   * once rather than stopped by the swarm, which waits out the 10-second stop grace for a task that
   * ignores SIGTERM. `reset` leaves the swarm to stop a learner's tasks as it always does.
   */
  readonly killTasks?: boolean;
}

/** Removes in dependency order: services, containers, networks, volumes, then image tags. */
export async function removeOwned(
  client: DockerReader & DockerRemover,
  owned: OwnedResources,
  options: RemovalOptions = {},
): Promise<RemovalReport> {
  const removed: string[] = [];
  const kept: { what: string; why: string }[] = [];
  const attempt = async (what: string, remove: () => Promise<void>) => {
    try {
      await remove();
      removed.push(what);
    } catch (error) {
      kept.push({ what, why: error instanceof Error ? error.message : String(error) });
    }
  };
  for (const s of owned.services) await attempt(`service ${s.name}`, () => client.removeService(s.id));
  // The swarm stops a removed service's task containers in the background (a task that ignores
  // SIGTERM takes 10 s); they hold the service's networks and must be gone before the swarm is left.
  if (owned.services.length > 0 && options.killTasks) await killTasks(client, new Set(owned.services.map((s) => s.id)));
  if (owned.services.length > 0) await tasksGone(client, new Set(owned.services.map((s) => s.name)));
  for (const c of owned.containers)
    await attempt(`container ${c.name || c.id.slice(0, 12)} (${c.image})`, () => client.removeContainer(c.id));
  // A removed service's tasks stop in the background and hold its overlay networks until they are gone.
  for (const n of owned.networks) await attempt(`network ${n.name}`, () => retrying(() => client.removeNetwork(n.id)));
  for (const v of owned.volumes) await attempt(`volume ${v}`, () => client.removeVolume(v));
  for (const tag of owned.imageTags) await attempt(`image ${tag}`, () => client.removeImage(tag));
  if (owned.leaveSwarm) await attempt("the swarm this lesson started", () => client.leaveSwarm());
  return { removed, kept };
}

/** Kills the running task containers of these (removed) services. */
async function killTasks(client: DockerReader & DockerRemover, services: ReadonlySet<string>): Promise<void> {
  const tasks = (await client.listContainers({ all: true })).filter(
    (c) => c.state === "running" && services.has(c.labels[SERVICE_ID_LABEL] ?? ""),
  );
  await Promise.all(tasks.map((c) => client.killContainer(c.id)));
}

async function tasksGone(client: DockerReader, services: ReadonlySet<string>, deadline = Date.now() + 30_000): Promise<void> {
  while (Date.now() < deadline) {
    const tasks = (await client.listContainers({ all: true })).filter((c) => services.has(c.labels[SERVICE_NAME_LABEL] ?? ""));
    if (tasks.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Tries again for up to 15 s: for what the daemon lets go of a moment later. */
async function retrying(remove: () => Promise<void>, deadline = Date.now() + 15_000): Promise<void> {
  for (;;) {
    try {
      return await remove();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
