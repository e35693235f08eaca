import { type EngineCall, pathPart } from "../../engine-call.js";
import { defineInspectCommand } from "../shared/inspect-command.js";

/** GET /images/{name}/json, the name as typed: the daemon resolves short names, tags and ids. */
export const imageInspectCall = (image: string): EngineCall => ({
  method: "GET",
  path: `/images/${pathPart(image)}/json`,
  why: `read everything the daemon knows about the image ${image}`,
  notes: [
    "Config: the defaults a container starts with (Cmd, Env, ExposedPorts, WorkingDir)",
    "RootFS.Layers: the layer digests, oldest first",
  ],
});

export const imageInspectCommand = defineInspectCommand({ path: ["image", "inspect"], noun: "an image", call: imageInspectCall });
