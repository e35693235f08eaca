import { normalizeImageRef } from "../docker/image-ref.js";
import type { Lesson } from "../lessons/schema.js";
import type { MadeRecord } from "../progress/store.js";
import { ownedByRecord } from "./made-record.js";
import type { DaemonObjects } from "./ownership.js";

/**
 * Names the lesson uses that something not of the lesson already has: a container, network,
 * volume, service or image tag the lesson was not seen making (made-record.ts). Running the
 * lesson's commands would reuse, or remove, what is not its.
 */
export function foreignNameClashes(lesson: Lesson, made: MadeRecord | undefined, now: DaemonObjects): string[] {
  const owned = made ? ownedByRecord(made, now) : undefined;
  const ownIds = new Set([
    ...(owned?.containers ?? []).map((c) => c.id),
    ...(owned?.networks ?? []).map((n) => n.id),
    ...(owned?.services ?? []).map((s) => s.id),
  ]);
  const ownVolumes = new Set(owned?.volumes ?? []);
  const ownTags = new Set(owned?.imageTags ?? []);
  const declared = lesson.resources;
  const clashes: string[] = [];
  for (const spec of declared.containers) {
    if (!("name" in spec)) continue;
    const found = now.containers.find((c) => c.name === spec.name);
    if (found && !ownIds.has(found.id)) clashes.push(`container ${spec.name}`);
  }
  for (const name of declared.networks) {
    const found = now.networks.find((n) => n.name === name);
    if (found && !ownIds.has(found.id)) clashes.push(`network ${name}`);
  }
  for (const name of declared.volumes) {
    if (now.volumes.some((v) => v.name === name) && !ownVolumes.has(name)) clashes.push(`volume ${name}`);
  }
  for (const name of declared.services) {
    const found = now.services.find((s) => s.name === name);
    if (found && !ownIds.has(found.id)) clashes.push(`service ${name}`);
  }
  // Base images the lesson only uses (requires.images) are shared on purpose; only tags it makes count.
  const bases = new Set(lesson.requires.images.map(normalizeImageRef));
  for (const tag of declared.images.map(normalizeImageRef)) {
    if (bases.has(tag) || ownTags.has(tag)) continue;
    if (now.images.some((i) => i.tags.map(normalizeImageRef).includes(tag))) clashes.push(`image ${tag}`);
  }
  return clashes;
}

/** `--var name=web1-2` for each variable whose value a clashing name contains: how to step around it. */
export function renameAdvice(clashes: readonly string[], values: Readonly<Record<string, string>>): string[] {
  const advice = new Set<string>();
  for (const clash of clashes) {
    const name = clash.slice(clash.indexOf(" ") + 1);
    for (const [variable, value] of Object.entries(values)) {
      if (value !== "" && !/^\d+$/.test(value) && name.includes(value)) advice.add(`--var ${variable}=${value}-2`);
    }
  }
  return [...advice];
}
