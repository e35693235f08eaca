import type { DockerReader } from "../docker/reader.js";
/** What a container check can expect of one container, each with the words for a miss. */
import type { ContainerDetails, PublishedPort } from "../docker/views.js";
import type { CheckOf } from "../lessons/schema.js";
import type { Expectation } from "./closest-candidate.js";
import { code, normalizePort, printed } from "./wording.js";

type Spec = CheckOf<"container">;
type E = Expectation<ContainerDetails>;

export function stateExpectations(spec: Spec, docker: DockerReader): E[] {
  const list: (E | undefined)[] = [
    spec.state === undefined ? undefined : stateIs(spec.state),
    spec.exitCode === undefined ? undefined : exitedWith(spec.exitCode),
    spec.tty === undefined ? undefined : flag(spec.tty, (c) => c.tty, "has a terminal (-t)", "has no terminal (-t)"),
    spec.interactive === undefined
      ? undefined
      : flag(spec.interactive, (c) => c.openStdin, "keeps stdin open (-i)", "keeps no stdin open (-i)"),
    ...(spec.ports ?? []).map((p) => publishes(normalizePort(p.container), p.host)),
    ...(spec.mounts ?? []).map(mounts),
    ...(spec.networks ?? []).map(attachedTo),
    ...Object.entries(spec.env ?? {}).map(([key, value]) => keyValue("env", key, value, (c) => c.env)),
    ...Object.entries(spec.labels ?? {}).map(([key, value]) => keyValue("label", key, value, (c) => c.labels)),
    spec.logsContain === undefined ? undefined : logs(docker, spec.logsContain, true),
    spec.logsLack === undefined ? undefined : logs(docker, spec.logsLack, false),
    spec.fileChanged === undefined ? undefined : fileChanged(docker, spec.fileChanged),
  ];
  return list.filter((e) => e !== undefined);
}

const stateIs = (state: string): E => ({
  phrase: `is ${state}`,
  miss: async (c) => (c.status === state ? undefined : `is ${c.status}, not ${state}`),
});

const exitedWith = (exitCode: number): E => ({
  phrase: `exited with code ${exitCode}`,
  miss: async (c) => {
    if (c.running || c.status === "created") return `has not exited yet (it is ${c.status})`;
    return c.exitCode === exitCode ? undefined : `exited with code ${c.exitCode}, not ${exitCode}`;
  },
});

const flag = (wanted: boolean, read: (c: ContainerDetails) => boolean, yes: string, no: string): E => ({
  phrase: wanted ? yes : no,
  miss: async (c) => (read(c) === wanted ? undefined : wanted ? no : yes),
});

const portName = (p: PublishedPort) => `${p.containerPort}/${p.protocol}`;

function publishes(port: string, host: number): E {
  return {
    phrase: `publishes ${port} on host port ${host}`,
    miss: async (c) => {
      const published = c.ports.filter((p) => p.hostPort !== undefined);
      if (published.some((p) => portName(p) === port && p.hostPort === host)) return undefined;
      if (published.length === 0) return "publishes no ports";
      const same = published.find((p) => portName(p) === port);
      if (same) return `publishes ${port} on host port ${same.hostPort}, not ${host}`;
      const others = [...new Set(published.map((p) => `${portName(p)} on host port ${p.hostPort}`))];
      return `does not publish ${port} (it publishes ${others.join(", ")})`;
    },
  };
}

const access = (readOnly: boolean) => (readOnly ? "read-only" : "writable");

function mounts(wanted: { type: string; target: string; source?: string | undefined; readOnly?: boolean | undefined }): E {
  const what = wanted.source === undefined ? `a ${wanted.type}` : `${wanted.type} ${code(wanted.source)}`;
  const how = wanted.readOnly === undefined ? "" : ` ${access(wanted.readOnly)}`;
  return {
    phrase: `mounts ${what} at ${code(wanted.target)}${how}`,
    miss: async (c) => {
      const mount = c.mounts.find((m) => m.target === wanted.target);
      if (!mount) return `has nothing mounted at ${code(wanted.target)}`;
      if (mount.type !== wanted.type) return `mounts a ${mount.type} at ${code(wanted.target)}, not a ${wanted.type}`;
      const source = mount.type === "volume" ? (mount.name ?? mount.source) : mount.source;
      const sameSource =
        wanted.source === undefined || source === wanted.source || source.endsWith(`/${wanted.source.replace(/^\.?\//, "")}`);
      if (!sameSource) return `mounts ${mount.type} ${code(source)} at ${code(wanted.target)}, not ${code(wanted.source ?? "")}`;
      if (wanted.readOnly === undefined || mount.readOnly === wanted.readOnly) return undefined;
      return `mounts ${mount.type} ${code(source)} at ${code(wanted.target)} ${access(mount.readOnly)}, not ${access(wanted.readOnly)}`;
    },
  };
}

const attachedTo = (network: string): E => ({
  phrase: `is attached to network ${code(network)}`,
  miss: async (c) => {
    if (c.networks.includes(network)) return undefined;
    const on = c.networks.length === 0 ? "no network" : c.networks.map(code).join(", ");
    return `is not attached to network ${code(network)} (it is on ${on})`;
  },
});

function keyValue(what: "env" | "label", key: string, value: string, read: (c: ContainerDetails) => Readonly<Record<string, string>>): E {
  return {
    phrase: `has ${what} ${code(`${key}=${value}`)}`,
    miss: async (c) => {
      const actual = read(c)[key];
      if (actual === value) return undefined;
      return actual === undefined
        ? `has no ${what} ${code(key)}`
        : `has ${what} ${code(`${key}=${actual}`)}, not ${code(`${key}=${value}`)}`;
    },
  };
}

const logs = (docker: DockerReader, text: string, wanted: boolean): E => ({
  phrase: wanted ? `printed ${code(text)}` : `never printed ${code(text)}`,
  miss: async (c) => {
    const output = await docker.containerLogs(c.id);
    if (output.includes(text) === wanted) return undefined;
    return wanted ? `did not print ${code(text)} (it ${printed(output)})` : `printed ${code(text)}`;
  },
});

function fileChanged(docker: DockerReader, path: string): E {
  const wanted = `/${path.replace(/^\/+/, "")}`;
  return {
    phrase: `added or changed ${code(wanted)}`,
    miss: async (c) => {
      const change = (await docker.containerDiff(c.id)).find((f) => f.path === wanted);
      if (change && change.kind !== "deleted") return undefined;
      return change ? `deleted ${code(wanted)} instead of changing it` : `did not add or change ${code(wanted)}`;
    },
  };
}
