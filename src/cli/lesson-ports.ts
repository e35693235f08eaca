import type { DockerClient } from "../docker/client.js";
import { type DaemonKind, daemonKind } from "../docker/daemon-kind.js";
import { sharesLocalhost } from "../docker/daemon-place.js";
import { lowestPublishablePort } from "../docker/low-ports.js";
import type { DaemonInfo } from "../docker/views.js";
import { type ListenerWorld, localListener, realListenerWorld } from "../doctor/local-listeners.js";
import { describeHolder, dockerHolderOf, type PortHolder } from "../doctor/port-holders.js";
import { LessonRecord } from "../engine/lesson-record.js";
import { ownedByRecord } from "../engine/made-record.js";
import type { DaemonObjects } from "../engine/ownership.js";
import { movePorts, type PortMove } from "../engine/port-choice.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import { explicitVariables, progressStore, theme, withVariables } from "./command-context.js";
import type { Session } from "./session.js";

/**
 * Before a lesson runs: a port it publishes that something else holds is moved to the next free
 * one, said in one line with how to get the old one back, and remembered in progress so that a
 * resumed lesson keeps it. Containers of the lesson itself do not count as holders.
 */
export async function settlePorts(
  session: Session,
  entry: CatalogEntry,
  client: DockerClient,
  objects: DaemonObjects,
  info: DaemonInfo,
  listeners: ListenerWorld = realListenerWorld(session.world.platform),
): Promise<CatalogEntry> {
  const store = progressStore(session);
  const made = store.lesson(entry.lesson.id)?.made;
  const own = new Set(made ? ownedByRecord(made, objects).containers.map((c) => c.id) : []);
  const foreignContainers = objects.containers.filter((c) => !own.has(c.id));
  const kind = daemonKind(client.engine, info);
  const services = info.swarm.isManager ? await client.listServices().catch(() => []) : [];
  const ownPorts = new Set(objects.containers.filter((c) => own.has(c.id)).flatMap((c) => c.ports.map((p) => p.hostPort)));
  // Something listening on this machine holds the port only where the daemon publishes to our localhost.
  const local = sharesLocalhost(await client.place());
  const heldBy = async (port: number): Promise<string | undefined> => {
    const holder: PortHolder | undefined =
      dockerHolderOf(port, foreignContainers, services) ??
      (local && !ownPorts.has(port) ? await localListener(port, listeners) : undefined);
    return holder ? describeHolder(holder) : undefined;
  };
  const lowestPort = await lowestPublishablePort(kind, local);
  const moves = await movePorts(entry.lesson, entry.variables, explicitVariables(session), heldBy, { lowestPort });
  if (moves.length === 0) return entry;
  const t = theme(session);
  for (const move of moves) session.stdout.write(`${t.warn} ${portMoveWords(move, kind, entry.lesson.number)}\n`);
  const chosen = Object.fromEntries(moves.map((m) => [m.variable, String(m.chosen)]));
  new LessonRecord(store, entry.lesson.id, session.now).keepVariables(chosen);
  return withVariables(session, entry, { ...entry.variables, ...chosen });
}

/** One sentence: which port the lesson uses instead, why, and how to have the old one back. */
export function portMoveWords(move: PortMove, kind: DaemonKind, lessonNumber: number): string {
  const instead = `so this lesson uses ${move.chosen} instead (${move.variable}=${move.chosen})`;
  const back = `docker-tutor reset ${lessonNumber} and start again with --var ${move.variable}=${move.wanted}`;
  if (move.why === "privileged") {
    return `Port ${move.wanted} is a privileged port, which rootless ${kind.product === "podman" ? "Podman" : "Docker"} cannot publish, ${instead}. To use ${move.wanted}, let users bind low ports (sudo sysctl net.ipv4.ip_unprivileged_port_start=${move.wanted}), then: ${back}.`;
  }
  return `Port ${move.wanted} is in use by ${move.holder}, ${instead}; nothing of yours was stopped. To use ${move.wanted}, free it, then: ${back}.`;
}
