import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { listFlag, stringFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";
import { nodeInspectCall, type SwarmNode } from "./swarm-calls.js";

/** A node's spec as GET /nodes/{id} gives it and POST /nodes/{id}/update takes it. */
export interface NodeSpecView {
  readonly Name?: string;
  readonly Labels?: Readonly<Record<string, string>> | null;
  readonly Role?: string;
  readonly Availability?: string;
}

interface NodeWithSpec extends SwarmNode {
  readonly Version: { readonly Index: number };
  readonly Spec: NodeSpecView;
}

/**
 * What changes; the CLI checks neither value, so a wrong role or availability is the daemon's
 * to refuse ("invalid Availability").
 */
export interface NodeChange {
  readonly role?: string;
  readonly availability?: string;
  /** `k=v` or `k` (an empty value), in the order typed. */
  readonly labelAdd: readonly string[];
  readonly labelRm: readonly string[];
}

interface NodeUpdateIntent extends NodeChange {
  readonly node: string;
}

const AVAILABILITY_NOTES = new Map([
  ["active", "the scheduler may place tasks here"],
  ["pause", "no new tasks here; the running ones stay"],
  ["drain", "no tasks here; the swarm moves the running ones to other nodes"],
]);

function availabilityNote(availability: string): string {
  const note = AVAILABILITY_NOTES.get(availability);
  return `Availability: ${availability}${note === undefined ? "" : ` (${note})`}`;
}

/** POST /nodes/{id}/update: the whole spec, and the version it was read at (the swarm refuses a stale one). */
export function nodeUpdateCall(id: string, version: number | string, spec: unknown, change: NodeChange): EngineCall {
  return {
    method: "POST",
    path: `/nodes/${pathPart(id)}/update`,
    query: { version },
    body: spec,
    why: "send the node's whole spec back with the change",
    notes: [
      `version=${version}: the node's version when it was read, so two updates cannot overwrite each other`,
      ...(change.availability === undefined ? [] : [availabilityNote(change.availability)]),
      ...(change.role === undefined ? [] : [`Role: ${change.role} (a manager keeps the swarm's state; a worker only runs tasks)`]),
      ...(change.labelAdd.length === 0 ? [] : [`Labels: add ${change.labelAdd.join(", ")} (placement constraints read node.labels)`]),
      ...(change.labelRm.length === 0 ? [] : [`Labels: remove ${change.labelRm.join(", ")}`]),
    ],
  };
}

/** The spec with the change applied, as the CLI's mergeNodeUpdate does it, or the CLI's error (pure). */
export function changedNodeSpec(spec: NodeSpecView, change: NodeChange): NodeSpecView | { readonly problem: string } {
  const labels = new Map(Object.entries(spec.Labels ?? {}));
  for (const label of change.labelAdd) {
    const equals = label.indexOf("=");
    labels.set(equals < 0 ? label : label.slice(0, equals), equals < 0 ? "" : label.slice(equals + 1));
  }
  for (const key of change.labelRm) {
    if (!labels.delete(key)) return { problem: `key ${key} doesn't exist in node's labels` };
  }
  return {
    ...spec,
    Labels: Object.fromEntries(labels),
    ...(change.role === undefined ? {} : { Role: change.role }),
    ...(change.availability === undefined ? {} : { Availability: change.availability }),
  };
}

export const nodeUpdateCommand = defineCommand<NodeUpdateIntent>({
  path: ["node", "update"],
  aliases: [],
  flags: [
    { long: "availability", kind: "string" },
    { long: "role", kind: "string" },
    { long: "label-add", kind: "list" },
    { long: "label-rm", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker node update" requires exactly 1 argument (a node), got ${args.length}`, 1);
    const role = stringFlag(flags, "role");
    const availability = stringFlag(flags, "availability");
    return {
      node: args[0] ?? "",
      ...(role === undefined ? {} : { role }),
      ...(availability === undefined ? {} : { availability }),
      labelAdd: listFlag(flags, "label-add"),
      labelRm: listFlag(flags, "label-rm"),
    };
  },
  plan: (intent) => [
    toApiCall(nodeInspectCall(intent.node, "read the node's current spec and its version")),
    toApiCall(nodeUpdateCall("{id}", "{version}", "{the spec read above, changed}", intent)),
  ],
  async execute(intent, engine, io) {
    try {
      const node = (await sendForJson(engine, nodeInspectCall(intent.node, "read the spec"))) as NodeWithSpec;
      const spec = changedNodeSpec(node.Spec, intent);
      if ("problem" in spec) {
        io.stderr.write(`${spec.problem}\n`);
        return 1;
      }
      await sendForNothing(engine, nodeUpdateCall(node.ID, node.Version.Index, spec, intent));
      io.stdout.write(`${intent.node}\n`);
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
