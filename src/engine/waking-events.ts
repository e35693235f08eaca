import { PURPOSE_LABEL } from "../docker/labels.js";
import type { DockerEvent } from "../docker/views.js";

/**
 * Daemon events our own probes cause must not wake a check round, or it would chase its own tail:
 * execs, and reads of a container's files (a volume check reads through a container that mounts
 * the volume; a learner's `docker cp` out of a container changes nothing a check looks at).
 */
const SELF_CAUSED_ACTIONS = /^(exec_(create|start|die)|archive-path)/;
const WATCHED_TYPES = new Set(["container", "image", "network", "volume", "service", "node", "config", "secret"]);
/** How many of the tutor's own containers are remembered. */
const REMEMBERED = 256;

/**
 * Which daemon events start a check round: those that may change what a step checks and are not of
 * the tutor's own making. The tutor's containers carry a label; their volume mounts and network
 * connects name only the container, so those are known by the ids seen earlier.
 */
export class WakingEvents {
  /** The tutor's own short-lived containers (a volume check reads through one), by id. */
  private readonly tutorContainers = new Set<string>();

  wakes(event: DockerEvent): boolean {
    if (event.attributes[PURPOSE_LABEL]) {
      if (event.type === "container") this.rememberTutorContainer(event.actorId);
      return false;
    }
    const container = event.attributes.container;
    if (container !== undefined && this.tutorContainers.has(container)) return false;
    return WATCHED_TYPES.has(event.type) && !SELF_CAUSED_ACTIONS.test(event.action);
  }

  private rememberTutorContainer(id: string): void {
    this.tutorContainers.add(id);
    if (this.tutorContainers.size > REMEMBERED) this.tutorContainers.delete(this.tutorContainers.values().next().value ?? "");
  }
}
