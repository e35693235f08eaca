import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, pathPart } from "../../engine-call.js";
import type { EngineTransport } from "../../transport.js";
import { filtersJson } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { distributionName, type Platform } from "./service-spec.js";

/** The parts of a service (GET /services/{id}, Go's swarm.Service) the commands read; views.ts ServiceDetails is the tutor's own view. */
export interface SwarmService {
  readonly ID: string;
  readonly Version: { readonly Index: number };
  readonly Spec: ServiceSpecView;
  readonly Endpoint?: { readonly Ports?: readonly PortView[] };
  readonly UpdateStatus?: { readonly State?: string; readonly Message?: string };
  readonly ServiceStatus?: { readonly RunningTasks?: number; readonly DesiredTasks?: number };
}

export interface ServiceSpecView {
  readonly Name: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly TaskTemplate: { readonly ContainerSpec?: { readonly Image?: string } } & Record<string, unknown>;
  readonly Mode?: { readonly Replicated?: { readonly Replicas?: number }; readonly Global?: object };
  readonly [field: string]: unknown;
}

export interface PortView {
  readonly Protocol?: string;
  readonly TargetPort?: number;
  readonly PublishedPort?: number;
  readonly PublishMode?: string;
}

/** The parts of a task (GET /tasks) the commands read. */
export interface SwarmTask {
  readonly ID: string;
  readonly ServiceID: string;
  readonly NodeID?: string;
  readonly Slot?: number;
  readonly CreatedAt: string;
  readonly DesiredState: string;
  readonly Spec?: { readonly ContainerSpec?: { readonly Image?: string } };
  readonly Status: {
    readonly Timestamp: string;
    readonly State: string;
    readonly Err?: string;
    readonly PortStatus?: { readonly Ports?: readonly PortView[] };
  };
}

/** `insertDefaults`: true shows the defaults the swarm applies (what `docker service inspect` prints); false, the spec as sent (what an update sends back). */
export const serviceInspectCall = (service: string, why: string, insertDefaults = false): EngineCall => ({
  method: "GET",
  path: `/services/${pathPart(service)}`,
  query: { insertDefaults },
  why,
});

export const distributionCall = (image: string): EngineCall => ({
  method: "GET",
  path: `/distribution/${pathPart(distributionName(image))}/json`,
  headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
  why: `ask the registry (through the daemon) which digest ${distributionName(image)} is right now`,
  notes: [
    "Descriptor.digest: pinned into the spec, so every node runs the very same image",
    "Platforms: the architectures the image exists for, which become placement constraints",
    "if the registry cannot be reached, the image is sent as typed and each node resolves it itself",
  ],
});

export const tasksCall = (filters: Readonly<Record<string, readonly string[]>>, why: string): EngineCall => ({
  method: "GET",
  path: "/tasks",
  query: { filters: filtersJson(filters) },
  why,
});

export const serviceListCall = (filters: Readonly<Record<string, readonly string[]>>, why: string): EngineCall => ({
  method: "GET",
  path: "/services",
  query: { ...(Object.keys(filters).length > 0 ? { filters: filtersJson(filters) } : {}), status: true },
  why,
  notes: ["status=true: the daemon counts each service's running and desired tasks (the REPLICAS column)"],
});

/** The digest and platforms of an image, or nothing when the registry cannot be asked (offline). */
export async function resolveImage(engine: EngineTransport, image: string): Promise<{ digest?: string; platforms: Platform[] }> {
  try {
    const answer = (await sendForJson(engine, distributionCall(image))) as {
      Descriptor?: { digest?: string };
      Platforms?: { architecture?: string; os?: string }[];
    };
    const platforms = (answer.Platforms ?? []).map((p) => ({ Architecture: p.architecture ?? "", OS: p.os ?? "" }));
    return { ...(answer.Descriptor?.digest ? { digest: answer.Descriptor.digest } : {}), platforms };
  } catch {
    return { platforms: [] };
  }
}

/** What the CLI warns when it could not pin the image. */
export const unpinnedWarning = (image: string): string =>
  `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n`;
