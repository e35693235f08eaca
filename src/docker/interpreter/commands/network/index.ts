import type { CommandDefinition } from "../../command.js";
import { networkConnectCommand, networkDisconnectCommand } from "./connect.js";
import { networkCreateCommand } from "./create.js";
import { networkInspectCommand } from "./inspect.js";
import { networkLsCommand } from "./ls.js";
import { networkRmCommand } from "./rm.js";

/** docker network …: create, ls, inspect, connect, disconnect, rm. */
export const networkCommands: readonly CommandDefinition[] = [
  networkCreateCommand,
  networkLsCommand,
  networkInspectCommand,
  networkConnectCommand,
  networkDisconnectCommand,
  networkRmCommand,
];
