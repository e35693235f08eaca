import type { CommandDefinition } from "../../command.js";
import { createCommand } from "./create.js";
import { commitCommand, diffCommand, topCommand } from "./diff-commit-top.js";
import { execCommand } from "./exec.js";
import { containerInspectCommand, inspectCommand } from "./inspect.js";
import { logsCommand } from "./logs.js";
import { lsCommand } from "./ls.js";
import { runCommand } from "./run.js";
import { startCommand } from "./start.js";
import { killCommand, rmCommand, stopCommand } from "./stop-kill-rm.js";

/** docker container …: run, create, start, stop, kill, rm, ls/ps, logs, exec, inspect, diff, commit, top. */
export const containerCommands: readonly CommandDefinition[] = [
  runCommand,
  createCommand,
  startCommand,
  stopCommand,
  killCommand,
  rmCommand,
  lsCommand,
  logsCommand,
  execCommand,
  containerInspectCommand,
  inspectCommand,
  diffCommand,
  commitCommand,
  topCommand,
];
