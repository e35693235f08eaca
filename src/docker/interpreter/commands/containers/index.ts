import type { CommandDefinition } from "../../command.js";

/** docker container …: run, create, start, stop, kill, rm, ls/ps, logs, exec, inspect, diff, commit, top. */
export const containerCommands: readonly CommandDefinition[] = [];
