import type { EngineCall } from "../../engine-call.js";
import { pathPart } from "../../engine-call.js";

/** The parts of GET /info the swarm commands read. */
export interface SwarmInfo {
  readonly Swarm?: {
    readonly NodeID?: string;
    readonly LocalNodeState?: string;
    readonly ControlAvailable?: boolean;
  };
}

/** The parts of GET /swarm they read. */
export interface SwarmDetails {
  readonly JoinTokens: { readonly Worker: string; readonly Manager: string };
}

/** The parts of GET /nodes/{id} they read. */
export interface SwarmNode {
  readonly ID: string;
  readonly Description?: { readonly Hostname?: string; readonly Engine?: { readonly EngineVersion?: string } };
  readonly Spec?: { readonly Availability?: string };
  readonly Status?: { readonly State?: string };
  readonly ManagerStatus?: { readonly Leader?: boolean; readonly Reachability?: string; readonly Addr?: string };
}

export const infoCall = (why: string): EngineCall => ({ method: "GET", path: "/info", why });

export const swarmInspectCall: EngineCall = {
  method: "GET",
  path: "/swarm",
  why: "read the swarm: its join tokens (a secret for workers, another for managers)",
};

export const nodeInspectCall = (node: string, why: string): EngineCall => ({ method: "GET", path: `/nodes/${pathPart(node)}`, why });

/** `docker swarm join …` as the CLI prints it for one role (cli/command/swarm printJoinCommand). */
export function joinInstructions(role: "worker" | "manager", token: string, managerAddr: string): string {
  return `To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${managerAddr}\n\n`;
}

/** The CLI's answer when this node is not a swarm manager. */
export const NOT_A_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
