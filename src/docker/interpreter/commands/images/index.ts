import type { CommandDefinition } from "../../command.js";
import { buildCommand } from "./build.js";
import { historyCommand } from "./image-history.js";
import { imageInspectCommand } from "./image-inspect.js";
import { imageLsCommand } from "./image-ls.js";
import { imageRmCommand } from "./image-rm.js";
import { tagCommand } from "./image-tag.js";
import { pullCommand } from "./pull.js";
import { pushCommand } from "./push.js";

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
