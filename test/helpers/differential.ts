import { Writable } from "node:stream";
import type Dockerode from "dockerode";
import { negotiateApiVersion } from "../../src/docker/api-version.js";
import { createDockerode } from "../../src/docker/dockerode-factory.js";
import { dockerodeTransport } from "../../src/docker/interpreter/dockerode-transport.js";
import { runLine } from "../../src/docker/interpreter/interpret.js";
import { shell } from "./docker-cli.js";
import { engineRequest } from "./engine-api.js";

/**
 * The docker CLI is the reference: a case runs once with `docker` and once through the
 * interpreter, each with its own unique names, and the objects they made are inspected and
 * compared after normalising what legitimately differs (ids, times, names, addresses).
 */
export interface DifferentialCase {
  /** The command line; `{name}` becomes a unique name per run (dtt-cli-… / dtt-int-…). */
  readonly line: string;
  /** Objects to inspect afterwards, `{name}` allowed. */
  readonly compare: readonly { readonly kind: "container" | "image" | "network" | "volume" | "service"; readonly ref: string }[];
  /** Docker CLI lines run before each side (same `{name}`), e.g. to make a container to stop. */
  readonly setup?: readonly string[];
  /** stdin for `-i` commands. */
  readonly stdin?: string;
  /** Inspect paths that differ for a stated reason: path → reason. */
  readonly explained?: Readonly<Record<string, string>>;
  /** Also compare what each printed (after normalising ids and names). */
  readonly compareOutput?: boolean;
}

export interface Side {
  readonly exitCode: number;
  readonly output: string;
  readonly inspected: unknown[];
}

const VOLATILE = new Set([
  "Id",
  "ID",
  "Created",
  "CreatedAt",
  "Name",
  "HostnamePath",
  "HostsPath",
  "ResolvConfPath",
  "LogPath",
  "StartedAt",
  "FinishedAt",
  "Pid",
  "SandboxID",
  "SandboxKey",
  "EndpointID",
  "Gateway",
  "IPAddress",
  "MacAddress",
  "NetworkID",
  "IPPrefixLen",
  "GraphDriver",
  "Hostname",
  "Mountpoint",
  "RepoDigests",
  "Metadata",
  "LastTagTime",
  "Containers",
  "Parent",
  "ContainerConfig",
  "Container",
  "DockerVersion",
  "Size",
  "VirtualSize",
  // swarm objects: the raft index and update time of each side's own object
  "Version",
  "UpdatedAt",
  "CompletedAt",
]);

const unique = (side: string) => `dtt-${side}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
const sink = () => {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
};

/** dockerode on the local daemon at the API version the tutor would negotiate with it (as the CLI does). */
export async function tutorDockerode(): Promise<Dockerode> {
  const docker = await createDockerode({ host: "unix:///var/run/docker.sock", source: "test", tls: undefined, explicit: true }, {});
  const { ApiVersion, MinAPIVersion } = await docker.version();
  const negotiated = negotiateApiVersion(ApiVersion, MinAPIVersion ?? "");
  if (!negotiated.ok) throw new Error(`the tutor cannot speak to this daemon (API ${ApiVersion}): ${negotiated.problem}`);
  (docker.modem as { version?: string }).version = `v${negotiated.version}`;
  return docker;
}

export async function runBothSides(c: DifferentialCase): Promise<{ cli: Side; interpreter: Side; cleanup: () => Promise<void> }> {
  const names = { cli: unique("cli"), interpreter: unique("int") };
  const made: { kind: string; ref: string }[] = [];
  const fill = (text: string, name: string) => text.replaceAll("{name}", name);
  const docker = await tutorDockerode();

  const side = async (which: "cli" | "interpreter"): Promise<Side> => {
    const name = names[which];
    for (const line of c.setup ?? []) await shell(fill(line, name));
    const line = fill(c.line, name);
    let result: { code: number; output: string };
    if (which === "cli") {
      result = await shell(line, c.stdin);
    } else {
      const out = sink();
      const code = await runLine(line, { vars: process.env, cwd: process.cwd() }, dockerodeTransport(docker), {
        stdout: out.stream,
        stderr: out.stream,
        stdin: c.stdin,
        cwd: process.cwd(),
      });
      result = { code, output: out.text() };
    }
    const inspected = [];
    for (const target of c.compare) {
      const ref = fill(target.ref, name);
      made.push({ kind: target.kind, ref });
      inspected.push(normalise(await inspect(target.kind, ref), name, c.explained ?? {}));
    }
    return { exitCode: result.code, output: normaliseText(result.output, name), inspected };
  };

  const cli = await side("cli");
  const interpreter = await side("interpreter");
  const cleanup = async () => {
    for (const { kind, ref } of made.reverse()) {
      const path = {
        container: `/containers/${ref}?force=true`,
        image: `/images/${ref}`,
        network: `/networks/${ref}`,
        volume: `/volumes/${ref}`,
        service: `/services/${ref}`,
      }[kind];
      if (path) await engineRequest("DELETE", path);
    }
    for (const name of Object.values(names)) await shell(`docker container rm -f ${name} 2>/dev/null; true`);
  };
  return { cli, interpreter, cleanup };
}

async function inspect(kind: string, ref: string): Promise<unknown> {
  const path =
    {
      container: `/containers/${ref}/json`,
      image: `/images/${ref}/json`,
      network: `/networks/${ref}`,
      volume: `/volumes/${ref}`,
      service: `/services/${ref}?insertDefaults=false`,
    }[kind] ?? "";
  const { status, text } = await engineRequest("GET", path);
  return status === 200 ? JSON.parse(text) : { missing: `${kind} ${ref} (HTTP ${status})` };
}

function normalise(value: unknown, name: string, explained: Readonly<Record<string, string>>, path = ""): unknown {
  if (typeof value === "string") return normaliseText(value, name);
  if (Array.isArray(value)) return value.map((v, i) => normalise(v, name, explained, `${path}[${i}]`));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (VOLATILE.has(key) || here in explained) continue;
      out[normaliseText(key, name)] = normalise(child, name, explained, here);
    }
    return out;
  }
  return value;
}

function normaliseText(text: string, name: string): string {
  return text
    .replaceAll(name, "{name}")
    .replace(/\b[0-9a-f]{64}\b/g, "<id>")
    .replace(/\b[a-z0-9]{25}\b/g, "<swarm-id>")
    .replace(/\b[0-9a-f]{12}\b/g, "<short-id>");
}
