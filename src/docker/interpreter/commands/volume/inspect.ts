import { type EngineCall, pathPart } from "../../engine-call.js";
import { defineInspectCommand } from "../shared/inspect-command.js";

export const volumeInspectCall = (volume: string): EngineCall => ({
  method: "GET",
  path: `/volumes/${pathPart(volume)}`,
  why: `read the volume ${volume}: its driver and where its files live on the daemon's host`,
  notes: ["Mountpoint: the folder on the daemon's host that holds the volume's files"],
});

export const volumeInspectCommand = defineInspectCommand({ path: ["volume", "inspect"], noun: "a volume", call: volumeInspectCall });
