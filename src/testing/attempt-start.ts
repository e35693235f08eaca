import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DockerReader } from "../docker/reader.js";
import type { DockerRemover } from "../docker/remover.js";
import {
  type DaemonObjects,
  NOTHING_OWNED,
  type OwnedResources,
  type RemovalOptions,
  readDaemonObjects,
  removeOwned,
} from "../engine/ownership.js";

/**
 * Where a challenge's attempts each begin (issue 18): the daemon and the workspace as the step
 * found them. An attempt may only make things; what it made is removed before the next one, and
 * what it changed of what was there is named, since the next attempt would not start clean.
 */

/** How a test run knows its own: names end in its suffix, its containers carry its label. */
export interface RunMark {
  readonly suffix: string;
  readonly label: { readonly key: string; readonly value: string };
}

export interface StepStart {
  readonly objects: DaemonObjects;
  /** The workspace's files (path relative to it → content) and folders. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly folders: ReadonlySet<string>;
}

/** A swarm task's container belongs to its service: removing the service removes it. */
const SERVICE_NAME_LABEL = "com.docker.swarm.service.name";

export async function markStart(client: DockerReader, workspace: string): Promise<StepStart> {
  return { objects: await readDaemonObjects(client), ...readTree(workspace) };
}

/** Removes what the run made since `start` and restores the workspace; returns what could not be put back. */
export async function backToStart(
  client: DockerReader & DockerRemover,
  start: StepStart,
  workspace: string,
  mark: RunMark,
  /** Killing removed services' tasks: all that an attempt made is the run's own. */
  removal: RemovalOptions = {},
): Promise<string[]> {
  const { made, changed } = attemptChanges(start.objects, await readDaemonObjects(client), mark);
  const removed = await removeOwned(client, made, removal);
  restoreTree(workspace, start);
  return [...changed, ...removed.kept.map((k) => `could not remove ${k.what}: ${k.why}`)];
}

/**
 * What the run made after `start` (new ids, and tags, carrying its suffix or label) and what of
 * the run's that was there then it changed: a container's state, a tag moved or removed. Pure.
 */
export function attemptChanges(start: DaemonObjects, now: DaemonObjects, mark: RunMark): { made: OwnedResources; changed: string[] } {
  const ours = (name: string) => name.includes(mark.suffix);
  const oursContainer = (c: DaemonObjects["containers"][number]) =>
    c.labels[SERVICE_NAME_LABEL] === undefined && (ours(c.name) || c.labels[mark.label.key] === mark.label.value);
  const ids = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));
  const [services, containers, networks] = [ids(start.services), ids(start.containers), ids(start.networks)];
  const volumes = new Set(start.volumes.map((v) => v.name));
  const tagsAt = (objects: DaemonObjects) => new Map(objects.images.flatMap((i) => i.tags.filter(ours).map((t) => [t, i.id] as const)));
  const [tagsBefore, tagsNow] = [tagsAt(start), tagsAt(now)];
  const made: OwnedResources = {
    ...NOTHING_OWNED,
    services: now.services.filter((s) => !services.has(s.id) && ours(s.name)).map(({ id, name }) => ({ id, name })),
    containers: now.containers.filter((c) => !containers.has(c.id) && oursContainer(c)).map(({ id, name, image }) => ({ id, name, image })),
    networks: now.networks.filter((n) => !networks.has(n.id) && ours(n.name)).map(({ id, name }) => ({ id, name })),
    volumes: now.volumes.filter((v) => !volumes.has(v.name) && ours(v.name)).map((v) => v.name),
    imageTags: [...tagsNow.keys()].filter((t) => !tagsBefore.has(t)),
  };
  const stateNow = new Map(now.containers.map((c) => [c.id, c.state]));
  const changed = [
    ...start.containers.filter(oursContainer).flatMap((c) => {
      const state = stateNow.get(c.id);
      if (state === undefined) return [`container ${c.name} is gone`];
      return state === c.state ? [] : [`container ${c.name} is ${state}, was ${c.state}`];
    }),
    ...[...tagsBefore].flatMap(([tag, id]) => {
      const idNow = tagsNow.get(tag);
      if (idNow === undefined) return [`image tag ${tag} is gone`];
      return idNow === id ? [] : [`image tag ${tag} names another image`];
    }),
  ];
  return { made, changed };
}

function readTree(root: string): { files: Map<string, Buffer>; folders: Set<string> } {
  const files = new Map<string, Buffer>();
  const folders = new Set<string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : join(relative, entry.name);
      if (entry.isDirectory()) {
        folders.add(path);
        walk(path);
      } else if (entry.isFile()) files.set(path, readFileSync(join(root, path)));
    }
  };
  if (existsSync(root)) walk("");
  return { files, folders };
}

/** The workspace as it was: new files and folders removed, changed or removed files written back. */
function restoreTree(root: string, start: Pick<StepStart, "files" | "folders">): void {
  const now = readTree(root);
  for (const path of now.files.keys()) if (!start.files.has(path)) rmSync(join(root, path), { force: true });
  // Deepest first, so that a new folder inside a new folder goes with it.
  for (const path of [...now.folders].sort().reverse())
    if (!start.folders.has(path)) rmSync(join(root, path), { recursive: true, force: true });
  for (const [path, content] of start.files) {
    if (now.files.get(path)?.equals(content)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}
