import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { DockerClient } from "../../docker/client.js";
import { humanSize, shortId } from "../../docker/interpreter/format/human-units.js";
import type { LoadAnswer } from "../../docker/load-answer.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { byteBar, counting, noBar, wantsBars } from "../../ui/byte-progress.js";
import type { Theme } from "../../ui/theme.js";
import { theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { forLessons, type NeededImage } from "../lesson-images.js";
import { type LoadedImage, loadedImages } from "../loaded-images.js";
import type { Session } from "../session.js";

const OUTCOME_WORDS: Record<LoadedImage["outcome"], string> = {
  added: "added",
  "already-here": "was already here",
  replaced: "added; the name moved to it from the image that had it",
};

/** The archive's size, or one sentence when there is no such file to read. */
async function archiveSize(file: string): Promise<number> {
  const found = await stat(file).catch(() => undefined);
  if (found?.isFile()) return found.size;
  throw new TutorError(
    found ? `${file} is not a file.` : `There is no file ${file}.`,
    "Give the archive `docker-tutor prepare --save FILE` wrote (copied to this machine), e.g. `docker-tutor prepare --load images.tar`.",
  );
}

/**
 * Loads an archive `prepare --save` (or `docker save`) wrote, with the bytes read shown as they go,
 * then says, for each image the daemon reports, whether it was added or already here, and which of
 * the lessons' images are still missing.
 */
export async function loadArchive(
  session: Session,
  client: DockerClient,
  file: string,
  what: { readonly needed: readonly NeededImage[]; readonly allLessons: boolean },
): Promise<void> {
  const t = theme(session);
  const size = await archiveSize(file);
  const before = await client.listImages();
  session.stdout.write(`${t.bold(`Loading ${file}`)} ${t.dim(`(${humanSize(size)})`)}\n`);
  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => interrupted.abort(),
    atOnce: () => "Stopped at once; `docker-tutor prepare --load` again loads the whole archive.",
  });
  const progress = wantsBars(session.stdout, session.color, session.world.env) ? byteBar(session.stdout, "Reading", size) : noBar;
  let answer: LoadAnswer;
  try {
    const read = createReadStream(file).pipe(counting(progress));
    answer = await client.imageArchive().load(read, interrupted.signal);
  } catch (error) {
    progress.finish();
    if (interrupted.signal.aborted) {
      session.stdout.write(`\n${t.warn} Stopped by Ctrl-C: images the daemon had finished reading may be here; the rest are not.\n`);
      throw new ExitError(ExitCode.interrupted);
    }
    throw new TutorError(
      `The daemon could not load ${file}: ${error instanceof Error ? error.message : String(error)}.`,
      "Give it an archive `docker-tutor prepare --save` or `docker save` wrote, copied whole (compare its size with the original's).",
      ExitCode.checkFailed,
      [],
      { cause: error },
    );
  } finally {
    stopListening();
  }
  progress.finish();
  const { images, unnamed } = loadedImages(answer, before, await client.listImages());
  for (const image of images) session.stdout.write(`${t.ok} ${image.name} ${OUTCOME_WORDS[image.outcome]}\n`);
  for (const image of unnamed)
    session.stdout.write(`${t.ok} image ${shortId(image.id)} (no name) ${image.alreadyHere ? "was already here" : "added"}\n`);
  const added = images.filter((i) => i.outcome !== "already-here").length + unnamed.filter((i) => !i.alreadyHere).length;
  const total = images.length + unnamed.length;
  session.stdout.write(`${t.ok} Loaded ${file}: ${total} image${total === 1 ? "" : "s"}, ${added} added, ${total - added} already here.\n`);
  await reportMissing(session, t, client, what, file);
}

/** Which of the lessons' images the daemon still lacks after the load; with lessons named, a lack is a failure. */
async function reportMissing(
  session: Session,
  t: Theme,
  client: DockerClient,
  what: { readonly needed: readonly NeededImage[]; readonly allLessons: boolean },
  file: string,
): Promise<void> {
  const present = await Promise.all(what.needed.map(async (n) => (await client.inspectImage(n.image)) !== undefined));
  const missing = what.needed.filter((_, i) => !present[i]);
  if (missing.length === 0) {
    session.stdout.write(
      `${t.ok} Every image the ${what.allLessons ? "" : "chosen "}lessons need is here: they now run without a network.\n`,
    );
    return;
  }
  const lessons = [...new Set(missing.flatMap((m) => m.lessons))].sort((a, b) => a - b);
  const names = missing.map((m) => `${m.image} ${forLessons(m.lessons)}`).join(", ");
  const fix = `Save them where they can be pulled: \`docker-tutor prepare --save ${file} ${lessons.join(" ")}\`, then load that archive here.`;
  if (what.allLessons) {
    session.stdout.write(`${t.warn} Not in ${file}, and not here: ${names}.\n  ${t.arrow} ${fix}\n`);
    return;
  }
  throw new TutorError(`${file} lacks images the lessons need, and they are not here: ${names}.`, fix, ExitCode.checkFailed);
}
