import type { HttpAnswer } from "../checks/check.js";
import { daemonSideGet } from "../checks/daemon-side-get.js";
import { httpGet as localGet } from "../checks/http-get.js";
import { type HttpGet, routedHttpGet } from "../checks/http-route.js";
import type { DockerClient } from "../docker/client.js";
import { pullQuietly } from "../docker/quiet-pull.js";
import type { DockerReader } from "../docker/reader.js";
import type { Lesson, Step } from "../lessons/schema.js";
import { bindMountNotice, bindsHostFolder } from "./bind-mount-steps.js";
import { chooseProbeImage } from "./probe-image.js";
import { WorkspaceMirror } from "./workspace-mirror.js";

/**
 * What a run needs when the daemon is not on the tutor's machine (client.place()): http checks asked
 * from the daemon's side when localhost does not reach it, the lesson folder copied into a playground
 * node before a step bind-mounts it, and, where it cannot be, a sentence saying so before the step.
 */
export class DaemonElsewhere {
  private probeImage: Promise<string> | undefined;
  private readonly mirror: WorkspaceMirror | undefined;

  constructor(
    private readonly client: DockerClient,
    private readonly lesson: Lesson,
    private readonly workspace: string | undefined,
  ) {
    this.mirror = workspace
      ? new WorkspaceMirror(workspace, async (dir) => client.copyFolderToDaemonHost(dir, await this.image()))
      : undefined;
  }

  /** The GET a check round uses: the tutor's own, or the daemon's side, as where the daemon runs asks. */
  httpGet(round: DockerReader): HttpGet {
    return routedHttpGet({
      place: () => this.client.place(),
      local: localGet,
      daemonSide: async (url): Promise<HttpAnswer> => daemonSideGet(round, await this.image(), url),
    });
  }

  /**
   * Before a step is checked or solved: a playground node gets the lesson folder the step
   * bind-mounts. Never throws: resolves to why the copy failed, if it did (the step's checks then say
   * what the container saw).
   */
  async prepare(step: Step): Promise<string | undefined> {
    if (!this.mirror || !bindsHostFolder(step)) return undefined;
    try {
      if ((await this.client.place()).kind === "node") await this.mirror.sync();
      return undefined;
    } catch (error) {
      return `Copying the lesson folder ${this.workspace} into the playground node failed: ${error instanceof Error ? error.message : String(error)}.`;
    }
  }

  /** Before any step of the lesson bind-mounts the folder (a grade of the whole lesson). */
  async prepareAll(): Promise<void> {
    const binding = this.lesson.steps.find(bindsHostFolder);
    if (binding) await this.prepare(binding);
  }

  /** What to tell the learner before this step, when its bind mount cannot work on this daemon. */
  async notice(step: Step): Promise<string | undefined> {
    if (!bindsHostFolder(step)) return undefined;
    return bindMountNotice(await this.client.place(), this.workspace ?? process.cwd());
  }

  /** The probe image, chosen (and pulled if need be) once per run; rejects with the problem when there is none. */
  private image(): Promise<string> {
    this.probeImage ??= chooseProbeImage(this.lesson.requires.images, {
      present: async (ref) => (await this.client.inspectImage(ref)) !== undefined,
      pull: (ref) => this.pull(ref),
    }).then((chosen) =>
      "image" in chosen ? chosen.image : Promise.reject(Object.assign(new Error(chosen.problem), { code: "ENOPROBE" })),
    );
    // A failed choice is tried again next time: the learner may have pulled one meanwhile.
    this.probeImage.catch(() => {
      this.probeImage = undefined;
    });
    return this.probeImage;
  }

  private pull(ref: string): Promise<boolean> {
    return pullQuietly(this.client, ref, { cwd: this.workspace ?? process.cwd() });
  }
}
