import type { CommandDefinition } from "../../command.js";

/** docker image … / network … / volume …: pull, build, ls, inspect, history, tag, push, rm; networks; volumes. */
export const imageCommands: readonly CommandDefinition[] = [];
