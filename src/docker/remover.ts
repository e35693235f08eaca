import type Dockerode from "dockerode";
import { isNotFound, removal } from "./docker-errors.js";
import { localImageAlias } from "./image-ref.js";

/**
 * Removing, for reset and cleanup, only on objects ownership rules allow. Removing what is already
 * gone is not an error; any other failure rejects with the daemon's words.
 */
export interface DockerRemover {
  /** By force, with its anonymous volumes (they belong to it alone); named volumes stay. */
  removeContainer(id: string): Promise<void>;
  /** Untags the given tag, never forced. */
  removeImage(ref: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeService(id: string): Promise<void>;
  /** SIGKILL, now: a removed service's task that would otherwise sit out the stop grace. Not running is fine. */
  killContainer(id: string): Promise<void>;
  /** `docker swarm leave --force`: only for a swarm the tutor's lesson started. */
  leaveSwarm(): Promise<void>;
}

/** `podman` says whether the daemon files images it made itself under `localhost/` (reader.ts). */
export function createRemover(docker: Dockerode, daemon = { podman: false }): DockerRemover {
  return {
    removeContainer: (id) => removal(`container \`${id}\``, killThenRemove(docker.getContainer(id))),
    // DELETE /images/<tag> without force removes only that tag when the image has others,
    // and the daemon refuses (409) to delete by ID an image that several tags name.
    removeImage: (ref) => removal(`image \`${ref}\``, untag(docker, ref, daemon.podman)),
    removeNetwork: (id) => removal(`network \`${id}\``, docker.getNetwork(id).remove()),
    removeVolume: (name) => removal(`volume \`${name}\``, docker.getVolume(name).remove()),
    removeService: (id) => removal(`service \`${id}\``, docker.getService(id).remove()),
    killContainer: async (id) => {
      await docker
        .getContainer(id)
        .kill()
        .catch(() => undefined);
    },
    leaveSwarm: async () => {
      await docker.swarmLeave({ force: true });
    },
  };
}

/**
 * Docker's forced removal kills at once; Podman's stops first, waiting 10 s on a container that
 * ignores SIGTERM (`sleep` as PID 1), so a kill goes first. It fails on a container that is not
 * running, which is fine. v:true removes only its anonymous volumes; named ones may hold the
 * learner's data and stay.
 */
async function killThenRemove(container: Dockerode.Container): Promise<unknown> {
  await container.kill().catch(() => undefined);
  return container.remove({ force: true, v: true });
}

/**
 * The tag, or else, on Podman, the name it files an image it made itself under (`localhost/web` for
 * `web`: image-ref.ts). On Docker, `localhost/web` is another image, maybe the learner's.
 */
async function untag(docker: Dockerode, ref: string, podman: boolean): Promise<unknown> {
  try {
    return await docker.getImage(ref).remove({ force: false });
  } catch (error) {
    const alias = isNotFound(error) && podman ? localImageAlias(ref) : undefined;
    if (alias === undefined) throw error;
    return docker.getImage(alias).remove({ force: false });
  }
}
