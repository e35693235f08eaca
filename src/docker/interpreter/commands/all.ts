import type { CommandDefinition } from "../command.js";
import { containerCommands } from "./containers/index.js";
import { imageCommands } from "./images/index.js";
import { swarmCommands } from "./swarm/index.js";

/** Every command the interpreter runs; each group lives in its own folder. */
export const ALL_COMMANDS: readonly CommandDefinition[] = [...containerCommands, ...imageCommands, ...swarmCommands];
