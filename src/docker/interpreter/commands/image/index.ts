import type { CommandDefinition } from "../../command.js";
import { buildCommand } from "./build.js";
import { historyCommand } from "./history.js";
import { imageInspectCommand } from "./inspect.js";
import { imageLsCommand } from "./ls.js";
import { pullCommand } from "./pull.js";
import { pushCommand } from "./push.js";
import { imageRmCommand } from "./rm.js";
import { tagCommand } from "./tag.js";

/** docker image …: pull, build, ls, inspect, history, tag, push, rm. */
export const imageCommands: readonly CommandDefinition[] = [
  pullCommand,
  buildCommand,
  imageLsCommand,
  imageInspectCommand,
  historyCommand,
  tagCommand,
  pushCommand,
  imageRmCommand,
];
