import type { CommandDefinition } from "../../command.js";
import { buildCommand } from "./build.js";
import { historyCommand } from "./image-history.js";
import { imageInspectCommand } from "./image-inspect.js";
import { imageLsCommand } from "./image-ls.js";
import { imageRmCommand } from "./image-rm.js";
import { tagCommand } from "./image-tag.js";
import { networkConnectCommand, networkDisconnectCommand } from "./network-connect.js";
import { networkCreateCommand } from "./network-create.js";
import { networkInspectCommand } from "./network-inspect.js";
import { networkLsCommand } from "./network-ls.js";
import { networkRmCommand } from "./network-rm.js";
import { pullCommand } from "./pull.js";
import { pushCommand } from "./push.js";
import { volumeCreateCommand } from "./volume-create.js";
import { volumeInspectCommand } from "./volume-inspect.js";
import { volumeLsCommand } from "./volume-ls.js";
import { volumeRmCommand } from "./volume-rm.js";

/** docker image … / network … / volume …: pull, build, ls, inspect, history, tag, push, rm; networks; volumes. */
export const imageCommands: readonly CommandDefinition[] = [
  pullCommand,
  buildCommand,
  imageLsCommand,
  imageInspectCommand,
  historyCommand,
  tagCommand,
  pushCommand,
  imageRmCommand,
  networkCreateCommand,
  networkLsCommand,
  networkInspectCommand,
  networkConnectCommand,
  networkDisconnectCommand,
  networkRmCommand,
  volumeCreateCommand,
  volumeLsCommand,
  volumeInspectCommand,
  volumeRmCommand,
];
