import { resolve } from "node:path";
import { type Refusal, refuse } from "../../command.js";

/**
 * `--mount` as docker/cli `opts/mount.go` reads it, for the two types lessons use (bind, volume):
 * comma-separated key=value fields, `type` defaulting to volume, `readonly`/`ro` bare or with a
 * Go boolean, a source starting with "." made absolute. The result goes to HostConfig.Mounts.
 */
export interface MountSpec {
  readonly Type: "bind" | "volume";
  readonly Source?: string;
  readonly Target: string;
  readonly ReadOnly?: true;
}

interface Draft {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
}

export function parseMountFlags(specs: readonly string[], cwd: string): MountSpec[] | Refusal {
  const mounts: MountSpec[] = [];
  for (const spec of specs) {
    const mount = parseMount(spec, cwd);
    if ("problem" in mount) return refuse(`invalid argument "${spec}" for "--mount" flag: ${mount.problem}`);
    mounts.push(mount);
  }
  return mounts;
}

function parseMount(spec: string, cwd: string): MountSpec | Refusal {
  const draft: Draft = { type: "volume", source: "", target: "", readOnly: false };
  for (const field of spec.split(",")) {
    const problem = applyField(draft, field, cwd);
    if (problem !== undefined) return refuse(problem);
  }
  if (draft.type !== "bind" && draft.type !== "volume") {
    return refuse(`the mount type ${draft.type} is not supported here; the interpreter runs type=bind and type=volume`);
  }
  if (draft.target === "") return refuse("target is required");
  return {
    Type: draft.type,
    ...(draft.source === "" ? {} : { Source: draft.source }),
    Target: draft.target,
    ...(draft.readOnly ? { ReadOnly: true as const } : {}),
  };
}

/** One `key=value` (or bare `readonly`) field; returns the problem, if any. */
function applyField(draft: Draft, field: string, cwd: string): string | undefined {
  const equals = field.indexOf("=");
  const key = (equals < 0 ? field : field.slice(0, equals)).toLowerCase();
  const value = equals < 0 ? undefined : field.slice(equals + 1);
  if (value === undefined) {
    if (key !== "readonly" && key !== "ro") return `invalid field '${field}' must be a key=value pair`;
    draft.readOnly = true;
  } else if (key === "type") draft.type = value.toLowerCase();
  else if (key === "source" || key === "src") draft.source = value.startsWith(".") ? resolve(cwd, value) : value;
  else if (key === "target" || key === "dst" || key === "destination") draft.target = value;
  else if (key === "readonly" || key === "ro") {
    const readOnly = goBool(value);
    if (readOnly === undefined) return `invalid value for ${key}: ${value}`;
    draft.readOnly = readOnly;
  } else
    return `the mount option ${key} is not supported here; the interpreter reads type, source/src, target/dst/destination and readonly/ro`;
  return undefined;
}

/** strconv.ParseBool */
function goBool(text: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(text)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(text)) return false;
  return undefined;
}
