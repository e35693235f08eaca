import { normalizeImageRef } from "../docker/image-ref.js";
import type { Lesson } from "../lessons/schema.js";
import type { MadeRecord, Snapshot } from "../progress/store.js";
import { type DaemonObjects, describeOwned, madeSince, type OwnedResources, snapshotOf } from "./ownership.js";

/**
 * Ownership by record (issue 17): while a lesson runs, what appears that its rules accept is
 * recorded by id; reset removes what was recorded and still exists, and nothing matched by name
 * later. All pure.
 */

export const emptyMade = (): MadeRecord => ({ containers: [], networks: [], volumes: [], services: [], imageTags: [] });

/** What was on the daemon when this run of the lesson began: only what appears after it can be the run's. */
export interface Baseline {
  readonly snapshot: Snapshot;
  /** `tag@imageId` for every tag then: a tag the lesson made earlier and moves now is told from one it finds moved. */
  readonly tagged: ReadonlySet<string>;
}

export function baselineOf(objects: DaemonObjects, takenAt: Date): Baseline {
  return { snapshot: snapshotOf(objects, takenAt), tagged: new Set(objects.images.flatMap((i) => i.tags.map((t) => tagAt(t, i.id)))) };
}

const tagAt = (tag: string, imageId: string) => `${normalizeImageRef(tag)}@${imageId}`;
const imagesTagged = (now: DaemonObjects, tag: string) => now.images.filter((i) => i.tags.map(normalizeImageRef).includes(tag));
const isoOf = (date: Date | undefined) => (date && Number.isFinite(date.getTime()) ? date.toISOString() : undefined);

/** What one look at the daemon shows the lesson has made since `baseline`, in the record's terms. */
export function madeInRound(
  lesson: Lesson,
  baseline: Baseline,
  made: MadeRecord | undefined,
  now: DaemonObjects,
  runLabel?: { readonly key: string; readonly value: string },
): MadeRecord {
  const found = madeSince(lesson, baseline.snapshot, now, runLabel);
  // A tag the lesson made in an earlier run, which this run points at another image (a rebuild).
  const moved = [...new Set(made?.imageTags.map((t) => t.tag) ?? [])].filter((tag) => !found.imageTags.includes(tag));
  const tags = [...found.imageTags, ...moved].flatMap((tag) =>
    imagesTagged(now, tag)
      .filter((image) => found.imageTags.includes(tag) || !baseline.tagged.has(tagAt(tag, image.id)))
      .map((image) => ({ tag, imageId: image.id })),
  );
  const cluster = found.leaveSwarm ? now.swarmCluster : undefined;
  return {
    containers: [...found.containers],
    networks: [...found.networks],
    services: [...found.services],
    volumes: found.volumes.map((name) => {
      const created = isoOf(now.volumes.find((v) => v.name === name)?.created);
      return created ? { name, created } : { name };
    }),
    imageTags: tags,
    ...(cluster ? { swarmCluster: cluster } : {}),
  };
}

/** The record with what was found added; the same object when nothing is new (nothing to write). */
export function mergeMade(made: MadeRecord | undefined, found: MadeRecord): MadeRecord {
  const base = made ?? emptyMade();
  const add = <T>(list: readonly T[], more: readonly T[], key: (t: T) => string): T[] => {
    const seen = new Set(list.map(key));
    return [...list, ...more.filter((t) => !seen.has(key(t)) && seen.add(key(t)))];
  };
  const merged: MadeRecord = {
    containers: add(base.containers, found.containers, (c) => c.id),
    networks: add(base.networks, found.networks, (n) => n.id),
    volumes: add(base.volumes, found.volumes, (v) => `${v.name}@${v.created ?? ""}`),
    services: add(base.services, found.services, (s) => s.id),
    imageTags: add(base.imageTags, found.imageTags, (t) => `${t.tag}@${t.imageId}`),
    ...((found.swarmCluster ?? base.swarmCluster) ? { swarmCluster: found.swarmCluster ?? base.swarmCluster } : {}),
  };
  const same =
    made !== undefined &&
    (["containers", "networks", "volumes", "services", "imageTags"] as const).every((k) => merged[k].length === made[k].length) &&
    merged.swarmCluster === made.swarmCluster;
  return same ? made : merged;
}

/** What the record holds that is on the daemon now: recorded ids that still exist, and the recorded swarm if it is still this one. */
export function ownedByRecord(made: MadeRecord, now: DaemonObjects): OwnedResources {
  const ids = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));
  const [services, containers, networks] = [ids(made.services), ids(made.containers), ids(made.networks)];
  const sameVolume = (name: string, created: Date | undefined) =>
    made.volumes.some((v) => v.name === name && (v.created === undefined || isoOf(created) === undefined || v.created === isoOf(created)));
  const tags = [...new Set(made.imageTags.map((t) => t.tag))].filter((tag) =>
    imagesTagged(now, tag).some((image) => made.imageTags.some((t) => t.tag === tag && t.imageId === image.id)),
  );
  return {
    services: now.services.filter((s) => services.has(s.id)).map(({ id, name }) => ({ id, name })),
    containers: now.containers.filter((c) => containers.has(c.id)).map(({ id, name, image }) => ({ id, name, image })),
    networks: now.networks.filter((n) => networks.has(n.id)).map(({ id, name }) => ({ id, name })),
    volumes: now.volumes.filter((v) => sameVolume(v.name, v.created)).map((v) => v.name),
    imageTags: tags,
    leaveSwarm: made.swarmCluster !== undefined && now.swarmActive && now.swarmCluster === made.swarmCluster,
  };
}

/**
 * What matches the lesson's names since its start but was not seen made while it ran: reset leaves
 * it and says so, one line each. With no record (progress from before one was kept), all of it.
 */
export function leftByRecord(lesson: Lesson, snapshot: Snapshot, owned: OwnedResources, now: DaemonObjects): string[] {
  const namesakes = madeSince(lesson, snapshot, now);
  const ids = new Set([...owned.services, ...owned.containers, ...owned.networks].map((x) => x.id));
  const left: OwnedResources = {
    services: namesakes.services.filter((s) => !ids.has(s.id)),
    containers: namesakes.containers.filter((c) => !ids.has(c.id)),
    networks: namesakes.networks.filter((n) => !ids.has(n.id)),
    volumes: namesakes.volumes.filter((v) => !owned.volumes.includes(v)),
    imageTags: namesakes.imageTags.filter((t) => !owned.imageTags.includes(t)),
    leaveSwarm: false,
  };
  const swarm = namesakes.leaveSwarm && !owned.leaveSwarm ? ["the swarm (not the one the lesson's swarm init made)"] : [];
  return [...describeOwned(left), ...swarm];
}
