import { Writable } from "node:stream";
import type { DockerClient } from "../../docker/client.js";
import { type PullFailureKind, pullFailureKind, pullFailureReason, waysPastPullLimit } from "../../docker/pull-failure.js";
import { terminalSafeStream } from "../../docker/terminal-safe.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { catalog, connect, lesson, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { forLessons, imagesForLessons, type NeededImage } from "../lesson-images.js";
import { askRegistry, type RegistryAnswer } from "../registry-answer.js";
import type { Session } from "../session.js";

export interface PrepareOptions {
  /** Afterwards, write the images into this archive. */
  readonly save?: string;
  /** Instead of pulling, load the images from this archive. */
  readonly load?: string;
}

function fixFor(kind: PullFailureKind, refs: readonly string[]): string {
  switch (kind) {
    case "no-network":
      return "Connect this machine to the network (or check the registry mirror: `docker-tutor doctor` shows what the daemon uses), then run `docker-tutor prepare` again.";
    case "rate-limit": {
      const ways = waysPastPullLimit(refs.join(" "));
      return `${ways.charAt(0).toUpperCase()}${ways.slice(1)}.`;
    }
    case "no-such-image":
      return "Check the image's name in the lesson's requires.images (`docker-tutor validate` shows the file), or `docker login` if it is private.";
    case "other":
      return "Check the network or registry mirror (`docker-tutor doctor` shows what the daemon uses), then run `docker-tutor prepare` again.";
  }
}

/** A failed pull: what the pull itself said last, and what the registry says when asked again. */
interface FailedPull {
  readonly image: string;
  readonly said: string;
  readonly answer: RegistryAnswer;
}

/** The pull's own words first (a limit may spare the registry's answer to a HEAD request), then the registry's. */
function whyFailed({ said, answer }: FailedPull): string | undefined {
  if (pullFailureKind(said) !== "other") return said;
  return answer?.pullable === false ? answer.why : undefined;
}

function explain(failed: FailedPull): string {
  const why = whyFailed(failed);
  if (why !== undefined) return pullFailureReason(why);
  if (failed.answer === undefined) return "its registry did not say why (not in time, or the daemon cannot ask it without pulling)";
  return "its registry has it, so the pull failed for another reason (its output is above)";
}

/**
 * Pulls every image the chosen lessons need (all lessons by default) through the interpreter's
 * pull, with its per-layer progress; images already here are not pulled again. Afterwards the
 * lessons need no network. With `save`, the images then go into one archive; with `load`, they come
 * from one instead of a registry.
 */
export async function prepare(session: Session, refs: readonly string[], options: PrepareOptions = {}): Promise<void> {
  if (options.save !== undefined && options.load !== undefined) {
    throw new TutorError(
      "--save and --load go to different machines, so prepare takes one of them at a time.",
      "Run `docker-tutor prepare --save images.tar` where the images can be pulled, then `docker-tutor prepare --load images.tar` on each machine without a registry.",
    );
  }
  const entries = refs.length === 0 ? await catalog(session) : await Promise.all(refs.map((ref) => lesson(session, ref)));
  const needed = imagesForLessons(entries);
  const { client } = await connect(session);
  if (options.load !== undefined) {
    const { loadArchive } = await import("./prepare-load.js");
    await loadArchive(session, client, options.load, { needed, allLessons: refs.length === 0 });
    return;
  }
  await pullMissing(session, client, needed, refs);
  if (options.save !== undefined) {
    const { saveArchive } = await import("./prepare-save.js");
    await saveArchive(session, client, options.save, { needed, lessonRefs: refs });
    return;
  }
  const t = theme(session);
  session.stdout.write(`${t.ok} ${needed.length} image${needed.length === 1 ? "" : "s"} ready: the lessons now run without a network.\n`);
}

/** Pulls what is missing, or throws: one sentence for the images that could not be pulled, or exit 130 after Ctrl-C. */
async function pullMissing(session: Session, client: DockerClient, needed: readonly NeededImage[], refs: readonly string[]): Promise<void> {
  const t = theme(session);
  const failed: { image: string; said: string }[] = [];
  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => interrupted.abort(),
    atOnce: () => "Stopped at once; `docker-tutor prepare` again pulls what is still missing.",
  });
  let ready = 0;
  try {
    for (const { image, lessons } of needed) {
      if (interrupted.signal.aborted) break;
      if (await pullIfMissing(image, lessons)) ready += 1;
    }
  } finally {
    stopListening();
  }
  if (interrupted.signal.aborted) {
    session.stdout.write(
      `\n${t.warn} Stopped by Ctrl-C: ${ready} of ${needed.length} image${needed.length === 1 ? "" : "s"} ready. Run \`docker-tutor prepare\` again for the rest; layers already downloaded are kept.\n`,
    );
    throw new ExitError(ExitCode.interrupted);
  }
  if (failed.length > 0) throw await pullFailure(client, failed, refs);

  /** True when the image is here afterwards. */
  async function pullIfMissing(image: string, lessons: readonly number[]): Promise<boolean> {
    const forWhat = t.dim(forLessons(lessons));
    if (await client.inspectImage(image)) {
      session.stdout.write(`${t.ok} ${image} ${forWhat} is already here\n`);
      return true;
    }
    session.stdout.write(`${t.bold(`Pulling ${image}`)} ${forWhat}\n`);
    // What a registry says reaches the terminal as text (its progress bars still draw); its last words are kept.
    let said = "";
    const stderr = terminalSafeStream(session.stderr);
    const keepingWords = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        said = String(chunk).trim() || said;
        stderr.write(chunk, done);
      },
    });
    const code = await client.runCommand(`docker image pull ${image}`, {
      stdout: terminalSafeStream(session.stdout),
      stderr: keepingWords,
      cwd: process.cwd(),
      env: session.world.env,
      signal: interrupted.signal,
    });
    if (code !== 0 && !interrupted.signal.aborted) failed.push({ image, said });
    return code === 0;
  }
}

async function pullFailure(
  client: DockerClient,
  failed: readonly { image: string; said: string }[],
  refs: readonly string[],
): Promise<TutorError> {
  const pulls: FailedPull[] = await Promise.all(failed.map(async (f) => ({ ...f, answer: await askRegistry(client, f.image) })));
  const kinds = new Set(
    pulls.map((pull) => {
      const why = whyFailed(pull);
      return why === undefined ? "other" : pullFailureKind(why);
    }),
  );
  const [onlyKind] = kinds;
  const kind = kinds.size === 1 && onlyKind ? onlyKind : "other";
  const images = failed.map((f) => f.image).join(", ");
  const message =
    kind === "rate-limit"
      ? `The registry refused to pull ${images} with HTTP 429 (too many requests): this address has used up its pull limit.`
      : `Could not pull ${images}, so ${failed.length === 1 ? "that image is" : "those images are"} missing for the lessons.`;
  return new TutorError(
    message,
    fixFor(kind, refs),
    ExitCode.checkFailed,
    pulls.map((pull) => `${pull.image}: ${explain(pull)}`),
  );
}
