import type { CommandDefinition } from "../../command.js";
import { volumeCreateCommand } from "./create.js";
import { volumeInspectCommand } from "./inspect.js";
import { volumeLsCommand } from "./ls.js";
import { volumeRmCommand } from "./rm.js";

/** docker volume …: create, ls, inspect, rm. */
export const volumeCommands: readonly CommandDefinition[] = [volumeCreateCommand, volumeLsCommand, volumeInspectCommand, volumeRmCommand];
