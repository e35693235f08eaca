import type { CreateBody } from "./create-body.js";
import type { CreateIntent } from "./create-intent.js";
import type { PortBinding } from "./port-spec.js";
import { describeRestartPolicy } from "./restart-policy.js";
import { describeBind } from "./volume-spec.js";

/** The create body's fields that matter, each in a learner's words; only fields the flags changed. */
export function createNotes(intent: CreateIntent, body: CreateBody): string[] {
  const notes = [
    ...optional(intent.name !== undefined, `?name=${intent.name}: the container's name`),
    `Image: ${body.Image}`,
    body.Cmd === null ? "Cmd: none given, so the image's own command runs" : `Cmd: ${JSON.stringify(body.Cmd)}`,
    ...optional(body.Entrypoint !== null, `Entrypoint: ${JSON.stringify(body.Entrypoint)} (replaces the image's)`),
    ...(body.Env ?? []).map((pair) => `Env: ${pair}`),
    ...Object.entries(body.Labels).map(([key, value]) => `Labels: ${key}=${value}`),
    ...optional(body.WorkingDir !== "", `WorkingDir: ${body.WorkingDir}`),
    ...optional(body.Hostname !== "", `Hostname: ${body.Hostname}`),
    ...streamNotes(body),
    ...portNotes(body),
    ...storageNotes(body),
    ...optional(body.HostConfig.NetworkMode !== "default", `HostConfig.NetworkMode: ${body.HostConfig.NetworkMode}`),
    ...optional(intent.restart.Name !== "no", `HostConfig.RestartPolicy: ${describeRestartPolicy(intent.restart)}`),
    ...optional(body.HostConfig.AutoRemove, "HostConfig.AutoRemove: true: the daemon removes the container when it exits"),
  ];
  return notes;
}

const optional = (condition: boolean, note: string): string[] => (condition ? [note] : []);

function streamNotes(body: CreateBody): string[] {
  return [
    ...optional(body.Tty, "Tty: true: the container gets a terminal (output comes raw, stderr mixed into stdout)"),
    ...optional(
      body.OpenStdin,
      `OpenStdin: true${body.StdinOnce ? ", StdinOnce: true: stdin closes when the input ends" : ": stdin stays open"}`,
    ),
    body.AttachStdout
      ? "AttachStdout/AttachStderr: true: its output comes back here"
      : "AttachStdout/AttachStderr: false (-d): it runs in the background, nothing comes back here",
  ];
}

function portNotes(body: CreateBody): string[] {
  const bindings = Object.entries(body.HostConfig.PortBindings).flatMap(([port, sides]) =>
    sides.map((side) => `HostConfig.PortBindings: ${port} → ${hostSide(side)}`),
  );
  return [
    ...bindings,
    ...optional(body.HostConfig.PublishAllPorts, "HostConfig.PublishAllPorts: true: every exposed port gets a random host port"),
  ];
}

function hostSide(binding: PortBinding): string {
  const port =
    binding.HostPort === "" ? "a random port" : binding.HostPort.includes("-") ? `a free port in ${binding.HostPort}` : binding.HostPort;
  return binding.HostIp === "" ? `host ${port}` : `host ${binding.HostIp}:${port}`;
}

function storageNotes(body: CreateBody): string[] {
  const binds = (body.HostConfig.Binds ?? []).map((spec) => {
    const bind = describeBind(spec);
    const what = bind.named ? `volume ${bind.source}` : `bind ${bind.source}`;
    return `HostConfig.Binds: ${what} → ${bind.target}${bind.readOnly ? " (read-only)" : ""}`;
  });
  const mounts = (body.HostConfig.Mounts ?? []).map(
    (mount) =>
      `HostConfig.Mounts: ${mount.Type} ${mount.Source ?? "(new anonymous volume)"} → ${mount.Target}${mount.ReadOnly ? " (read-only)" : ""}`,
  );
  const anonymous = Object.keys(body.Volumes).map((target) => `Volumes: a new anonymous volume at ${target}`);
  return [...binds, ...mounts, ...anonymous];
}
