import type Dockerode from "dockerode";
import { type PackOptions, pack } from "tar-fs";
import { PURPOSE_LABEL, TUTOR_LABEL } from "./labels.js";

const MOUNT_POINT = "/docker-tutor-copy";

/**
 * Copies a folder of the tutor's machine to the same path on the daemon's host, so that a bind mount
 * of that path there sees the same files. A container that never starts has the path bind-mounted
 * (`-v` makes a missing folder), and the files are put through it (`docker cp`); the container is
 * removed whatever happens. Files removed on this side are not removed there.
 */
export async function copyFolderToDaemonHost(docker: Dockerode, dir: string, image: string): Promise<void> {
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: ["true"],
    Cmd: [],
    Labels: { [TUTOR_LABEL]: "docker-tutor", [PURPOSE_LABEL]: "workspace-copy" },
    HostConfig: { Binds: [`${dir}:${MOUNT_POINT}`] },
  });
  // Modes as they are on disk: tar-fs would apply the process umask.
  const options: PackOptions & { umask: number } = { umask: 0 };
  try {
    await container.putArchive(pack(dir, options), { path: MOUNT_POINT });
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
