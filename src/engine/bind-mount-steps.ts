import { type DaemonPlace, describePlace } from "../docker/daemon-place.js";
import type { Step } from "../lessons/schema.js";

/** `--mount …type=bind…` anywhere in the option's value (its parts may come in any order). */
const MOUNT_BIND = /--mount[=\s]+["']?\S*type=bind/;
/** `-v`/`--volume` whose source is a path (absolute, relative, `~`, `$(pwd)`, `$PWD`), not a volume's name. */
const VOLUME_PATH = /(?:^|\s)(?:-v|--volume)[=\s]+["']?(?:\/|\.|~|\$\(pwd\)|\$\{?PWD\b)/;

/**
 * Whether a step bind-mounts a folder of the learner's machine: a command it shows or runs does, or
 * one of its checks expects a container with a bind mount. Read from the step's content, so any
 * lesson gets the same care. Pure.
 */
export function bindsHostFolder(step: Step): boolean {
  const lines = [...step.commands, ...step.solution.flatMap((a) => ("run" in a && a.node === undefined ? [a.run] : []))];
  if (lines.some((line) => MOUNT_BIND.test(line) || VOLUME_PATH.test(line))) return true;
  return step.checks.some((c) => c.kind === "container" && c.node === undefined && (c.mounts ?? []).some((m) => m.type === "bind"));
}

/** Whether `dir` is `folder` or inside it. */
const within = (dir: string, folder: string): boolean =>
  folder === "/" || dir === folder || dir.startsWith(folder.endsWith("/") ? folder : `${folder}/`);

/**
 * What to tell the learner before a step that bind-mounts their lesson folder, when the daemon
 * cannot see it there; undefined when it can (this machine, a shared folder, a playground node the
 * tutor copies the folder into). One sentence with what to do. Pure.
 */
export function bindMountNotice(place: DaemonPlace, workspace: string): string | undefined {
  switch (place.kind) {
    case "local":
    case "node":
      return undefined;
    case "vm": {
      if (place.shared.some((folder) => within(workspace, folder))) return undefined;
      const shares = place.shared.length > 1 ? `${place.shared.slice(0, -1).join(", ")} and ${place.shared.at(-1)}` : place.shared[0];
      return `${place.product} shares only ${shares} with its VM, and your lesson folder is ${workspace}, so Docker would refuse this step's bind mount ("Mounts denied"): start the lesson again with --workdir under one of them (or add the folder to ${place.product}'s file sharing).`;
    }
    case "remote":
      return `This step bind-mounts your lesson folder ${workspace}, but the daemon runs on ${describePlace(place)} and can only mount its own folders: run the tutor on that machine (with its lesson folder there), or use a daemon on this one.`;
  }
}
