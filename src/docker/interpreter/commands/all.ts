import type { CommandDefinition } from "../command.js";
import { containerCommands } from "./container/index.js";
import { imageCommands } from "./image/index.js";
import { networkCommands } from "./network/index.js";
import { swarmCommands } from "./swarm/index.js";
import { volumeCommands } from "./volume/index.js";

/** Every command the interpreter runs; each noun (container, image, network, volume, and the swarm's) lives in its own folder. */
export const ALL_COMMANDS: readonly CommandDefinition[] = [
  ...containerCommands,
  ...imageCommands,
  ...networkCommands,
  ...volumeCommands,
  ...swarmCommands,
];
