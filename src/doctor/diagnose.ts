import type { Connection } from "../docker/connect.js";
import { type DaemonKind, daemonKind, noSwarmMode, seesHostNetwork } from "../docker/daemon-kind.js";
import { type DaemonPlace, describePlace, sharesLocalhost } from "../docker/daemon-place.js";
import { normalizeImageRef } from "../docker/image-ref.js";
import { lowestPublishablePort } from "../docker/low-ports.js";
import type { DaemonInfo, ServiceSummary } from "../docker/views.js";
import { lessonMisfit } from "../engine/daemon-fit.js";
import { unprivilegedStandIn } from "../engine/port-choice.js";
import type { Lesson } from "../lessons/schema.js";
import { type ListenerWorld, localListener, realListenerWorld } from "./local-listeners.js";
import { describeHolder, dockerHolderOf, freeingAdvice, type PortHolder } from "./port-holders.js";
import { type LessonNeeds, PROBE_IMAGES } from "./requirements.js";
import { probeRoutingMesh, type RoutingMesh } from "./routing-mesh.js";

export type ItemStatus = "ok" | "warn" | "fail";

/** One line of the report: its real value and, when it is a problem, the fix. */
export interface DoctorItem {
  readonly id: string;
  readonly label: string;
  readonly status: ItemStatus;
  readonly value: string;
  readonly fix?: string;
}

export interface DoctorReport {
  readonly ready: boolean;
  readonly items: readonly DoctorItem[];
  readonly ports: readonly { readonly port: number; readonly free: boolean; readonly holder?: string }[];
  readonly images: { readonly present: readonly string[]; readonly missing: readonly string[] };
  readonly routingMesh: RoutingMesh;
  readonly swarm: DaemonInfo["swarm"];
}

export interface DiagnoseOptions {
  readonly platform: NodeJS.Platform;
  /** What the lessons declare they need (`requires` in each lesson file). */
  readonly needs: LessonNeeds;
  /** The lessons, to say which of them this daemon can run. */
  readonly lessons: readonly Lesson[];
  /** How to find who listens on a port of this machine; this machine's /proc or lsof by default. */
  readonly listeners?: ListenerWorld;
}

export async function diagnose(connection: Connection, options: DiagnoseOptions): Promise<DoctorReport> {
  const { client, endpoint, engine } = connection;
  const [info, containers, images] = await Promise.all([client.info(), client.listContainers(), client.listImages()]);
  const services: ServiceSummary[] = info.swarm.isManager ? await client.listServices().catch(() => []) : [];
  const localTags = new Set(images.flatMap((i) => i.tags.map(normalizeImageRef)));
  const present = options.needs.images.filter((ref) => localTags.has(ref));
  const missing = options.needs.images.filter((ref) => !localTags.has(ref));
  const place = await client.place();
  const kind = daemonKind(engine, info);
  // A port the daemon publishes is also taken on this machine only when it forwards to our localhost.
  const daemonIsLocal = sharesLocalhost(place);
  const lowestPort = await lowestPublishablePort(kind, daemonIsLocal);
  const listeners = options.listeners ?? realListenerWorld(options.platform);

  const holders = await Promise.all(
    options.needs.ports.map(async (port) => ({
      port,
      holder: dockerHolderOf(port, containers, services) ?? (daemonIsLocal ? await localListener(port, listeners) : undefined),
    })),
  );
  const routingMesh = seesHostNetwork(kind)
    ? await probeRoutingMesh(
        client,
        PROBE_IMAGES.find((ref) => localTags.has(ref)),
      )
    : {
        status: "unknown" as const,
        evidence: `a container on the host network of rootless ${kind.product === "podman" ? "Podman" : "Docker"} sees RootlessKit's network namespace, not this kernel's`,
      };

  const items: DoctorItem[] = [
    {
      id: "daemon",
      label: "daemon",
      status: "ok",
      value: `${endpoint.host} (${endpoint.source})${connection.warnings.length > 0 ? `; ${connection.warnings.join(" ")}` : ""}`,
    },
    {
      id: "engine",
      label: "engine",
      status: "ok",
      value: `${kind.name}${kind.rootless ? ", rootless" : ""} (${engine.os}/${engine.arch}), API ${engine.negotiatedApiVersion} (the daemon speaks ${engine.minApiVersion || "?"}–${engine.apiVersion})`,
    },
    placeItem(place),
    lessonsItem(options.lessons, kind),
    swarmItem(info.swarm, kind),
    ...holders.map(({ port, holder }) => portItem(port, holder, lowestPort, kind)),
    imagesItem(present, missing),
    meshItem(routingMesh, kind),
  ];
  return {
    ready: items.every((item) => item.status !== "fail"),
    items,
    ports: holders.map(({ port, holder }) => ({ port, free: !holder, ...(holder ? { holder: describeHolder(holder) } : {}) })),
    images: { present, missing },
    routingMesh,
    swarm: info.swarm,
  };
}

function placeItem(place: DaemonPlace): DoctorItem {
  const base = { id: "daemon-host", label: "daemon host", value: describePlace(place) };
  if (place.kind !== "remote") return { ...base, status: "ok" };
  return {
    ...base,
    status: "warn",
    fix: "http checks ask from the daemon's side, but a bind mount of your lesson folder (lesson 3) cannot work there: run the tutor on that machine for those steps",
  };
}

/** Which lessons this daemon can run at all, and for those it cannot, why. */
function lessonsItem(lessons: readonly Lesson[], kind: DaemonKind): DoctorItem {
  const base = { id: "lessons", label: "lessons" } as const;
  const misfits = lessons.flatMap((lesson) => {
    const misfit = lessonMisfit(lesson, kind);
    return misfit ? [{ lesson, misfit }] : [];
  });
  const numbers = (list: readonly Lesson[]) => list.map((l) => l.number).join(", ");
  if (misfits.length === 0) return { ...base, status: "ok", value: `this daemon can run all ${lessons.length}` };
  const runnable = lessons.filter((lesson) => !misfits.some((m) => m.lesson === lesson));
  const first = misfits[0] as (typeof misfits)[number];
  return {
    ...base,
    status: "warn",
    value: `${runnable.length > 0 ? `${numbers(runnable)} can run here; ` : ""}${numbers(misfits.map((m) => m.lesson))} cannot: ${first.misfit.why.replace(/^Lesson \d+ /, "it ")}`,
    fix: first.misfit.fix,
  };
}

function swarmItem(swarm: DaemonInfo["swarm"], kind: DaemonKind): DoctorItem {
  const base = { id: "swarm", label: "swarm" } as const;
  const swarmless = noSwarmMode(kind);
  if (swarmless) return { ...base, status: "warn", value: `not available: ${swarmless}` };
  if (swarm.state === "inactive") return { ...base, status: "ok", value: "inactive (lesson 5 starts one with `docker swarm init`)" };
  if (swarm.state === "locked") {
    return { ...base, status: "warn", value: "locked", fix: "unlock it with `docker swarm unlock` and the unlock key" };
  }
  if (swarm.state !== "active") {
    return {
      ...base,
      status: "warn",
      value: swarm.state,
      fix: "see `docker info` for the swarm's error; lesson 5 needs an active manager",
    };
  }
  if (!swarm.isManager) {
    return {
      ...base,
      status: "warn",
      value: "active, this node is a worker",
      fix: "lesson 5 needs a manager: run it against a manager node, or promote this one from a manager (`docker node promote`)",
    };
  }
  const size = `${swarm.nodes} node${swarm.nodes === 1 ? "" : "s"}, ${swarm.managers} manager${swarm.managers === 1 ? "" : "s"}`;
  return { ...base, status: "ok", value: `active, this node is a manager (${size}); lesson 5 uses it and never leaves it` };
}

function portItem(port: number, holder: PortHolder | undefined, lowestPort: number, kind: DaemonKind): DoctorItem {
  const base = { id: `port-${port}`, label: `port ${port}` };
  if (port < lowestPort) {
    return {
      ...base,
      status: "warn",
      value: `rootless ${kind.product === "podman" ? "Podman" : "Docker"} cannot publish ports below ${lowestPort}: a lesson that uses it moves to ${unprivilegedStandIn(port, lowestPort)} or the next free port, and says so`,
      fix: `to keep ${port}, let users bind low ports: sudo sysctl net.ipv4.ip_unprivileged_port_start=${port}`,
    };
  }
  if (!holder) return { ...base, status: "ok", value: "free" };
  return { ...base, status: "warn", value: `in use by ${describeHolder(holder)}`, fix: freeingAdvice(holder) };
}

function imagesItem(present: readonly string[], missing: readonly string[]): DoctorItem {
  const base = { id: "images", label: "images" };
  const total = present.length + missing.length;
  if (missing.length === 0) return { ...base, status: "ok", value: `all ${total} lesson images present (${present.join(", ")})` };
  return {
    ...base,
    status: "warn",
    value: `${present.length} of ${total} lesson images present${present.length > 0 ? ` (${present.join(", ")})` : ""}; missing: ${missing.join(", ")}`,
    fix: `pull them while online: docker-tutor prepare (or ${missing.map((ref) => `docker pull ${ref}`).join(" && ")})`,
  };
}

function meshItem(mesh: RoutingMesh, kind: DaemonKind): DoctorItem {
  const base = { id: "routing-mesh", label: "routing mesh" };
  const swarmless = noSwarmMode(kind);
  // Without swarm mode the mesh does not matter: what could be known is said, and nothing is to fix.
  if (swarmless && !seesHostNetwork(kind)) return { ...base, status: "ok", value: `not known: ${mesh.evidence}` };
  if (swarmless) return { ...base, status: "ok", value: `not needed: ${swarmless}` };
  if (mesh.status === "available") return { ...base, status: "ok", value: `available: ${mesh.evidence}` };
  if (mesh.status === "unknown") {
    return {
      ...base,
      status: "warn",
      value: `not checked: ${mesh.evidence}`,
      fix: "pull busybox (`docker pull busybox`) so doctor can probe the daemon's kernel",
    };
  }
  return {
    ...base,
    status: "warn",
    value: `missing: ${mesh.evidence}, so a swarm port published through the ingress (\`--publish 8080:80\`) accepts no connections`,
    fix: "lesson 5 publishes in host mode instead (`--publish mode=host,published=8080,target=80`) and reaches services by `tasks.<name>`",
  };
}
