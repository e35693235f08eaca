import { normalizeImageRef } from "../../docker/image-ref.js";
import { type PullFailureKind, pullFailureKind, pullFailureReason } from "../../docker/pull-failure.js";
import { terminalSafeStream } from "../../docker/terminal-safe.js";
import { DEFAULT_NODE_IMAGE } from "../../env/playground-plan.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import type { CatalogEntry } from "../../lessons/catalog.js";
import { catalog, connect, lesson, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { askRegistry, type RegistryAnswer } from "../registry-answer.js";
import type { Session } from "../session.js";

const FIX_FOR: Record<PullFailureKind, string> = {
  "no-network":
    "Connect this machine to the network (or check the registry mirror: `docker-tutor doctor` shows what the daemon uses), then run `docker-tutor prepare` again.",
  "rate-limit": "Wait a while, or `docker login` for a higher limit, then run `docker-tutor prepare` again.",
  "no-such-image":
    "Check the image's name in the lesson's requires.images (`docker-tutor validate` shows the file), or `docker login` if it is private.",
  other: "Check the network or registry mirror (`docker-tutor doctor` shows what the daemon uses), then run `docker-tutor prepare` again.",
};

function explainAnswer(answer: RegistryAnswer): string {
  if (answer === undefined) return "its registry did not say why (not in time, or the daemon cannot ask it without pulling)";
  if (answer.pullable) return "its registry has it, so the pull failed for another reason (its output is above)";
  return pullFailureReason(answer.why);
}

/** The images the lessons declare, each once, in lesson order. */
export function imagesNeeded(entries: readonly CatalogEntry[]): { image: string; lessons: number[] }[] {
  const byImage = new Map<string, number[]>();
  for (const entry of entries) {
    for (const image of entry.lesson.requires.images) {
      const key = normalizeImageRef(image);
      byImage.set(key, [...(byImage.get(key) ?? []), entry.lesson.number]);
    }
  }
  return [...byImage].map(([image, lessons]) => ({ image, lessons }));
}

/** The playground's node image, for the lessons that run on nodes. */
function nodeImageNeeded(entries: readonly CatalogEntry[]): { image: string; lessons: number[] }[] {
  const lessons = entries.filter((e) => e.lesson.requires.nodes !== undefined).map((e) => e.lesson.number);
  return lessons.length === 0 ? [] : [{ image: normalizeImageRef(DEFAULT_NODE_IMAGE), lessons }];
}

/**
 * Pulls every image the chosen lessons need (all lessons by default) through the interpreter's
 * pull, with its per-layer progress; images already here are not pulled again. Afterwards the
 * lessons need no network.
 */
export async function prepare(session: Session, refs: readonly string[]): Promise<void> {
  const entries = refs.length === 0 ? await catalog(session) : await Promise.all(refs.map((ref) => lesson(session, ref)));
  const t = theme(session);
  const { client } = await connect(session);
  const needed = [...imagesNeeded(entries), ...nodeImageNeeded(entries)];
  const failed: string[] = [];
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
  if (failed.length > 0) {
    const reasons = await Promise.all(failed.map(async (image) => ({ image, answer: await askRegistry(client, image) })));
    const kinds = new Set(reasons.map(({ answer }) => (answer?.pullable === false ? pullFailureKind(answer.why) : "other")));
    const [onlyKind] = kinds;
    throw new TutorError(
      `Could not pull ${failed.join(", ")}, so ${failed.length === 1 ? "that image is" : "those images are"} missing for the lessons.`,
      FIX_FOR[kinds.size === 1 && onlyKind ? onlyKind : "other"],
      ExitCode.checkFailed,
      reasons.map(({ image, answer }) => `${image}: ${explainAnswer(answer)}`),
    );
  }
  session.stdout.write(`${t.ok} ${needed.length} image${needed.length === 1 ? "" : "s"} ready: the lessons now run without a network.\n`);

  /** True when the image is here afterwards. */
  async function pullIfMissing(image: string, lessons: readonly number[]): Promise<boolean> {
    const forWhat = t.dim(`(lesson${lessons.length > 1 ? "s" : ""} ${lessons.join(", ")})`);
    if (await client.inspectImage(image)) {
      session.stdout.write(`${t.ok} ${image} ${forWhat} is already here\n`);
      return true;
    }
    session.stdout.write(`${t.bold(`Pulling ${image}`)} ${forWhat}\n`);
    // What a registry says reaches the terminal as text (its progress bars still draw).
    const code = await client.runCommand(`docker image pull ${image}`, {
      stdout: terminalSafeStream(session.stdout),
      stderr: terminalSafeStream(session.stderr),
      cwd: process.cwd(),
      env: session.world.env,
      signal: interrupted.signal,
    });
    if (code !== 0 && !interrupted.signal.aborted) failed.push(image);
    return code === 0;
  }
}
