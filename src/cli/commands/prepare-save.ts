import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import type { DockerClient } from "../../docker/client.js";
import { humanSize } from "../../docker/interpreter/format/human-units.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { byteBar, counting, noBar, wantsBars } from "../../ui/byte-progress.js";
import { theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { forLessons, type NeededImage } from "../lesson-images.js";
import type { Session } from "../session.js";

/** The reason of a failed write, in words: the file system's code says more than its message. */
function writeProblem(error: unknown, file: string): { why: string; fix: string } {
  const code = (error as { code?: string }).code;
  const folder = dirname(resolve(file));
  if (code === "ENOSPC") return { why: "the disk is full", fix: "Free some space, or save to a disk with more room." };
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return { why: `this user cannot write in ${folder}`, fix: "Save to a folder you can write to, e.g. your home folder." };
  if (code === "ENOENT") return { why: `there is no folder ${folder}`, fix: "Make the folder first, or save somewhere that exists." };
  const why = error instanceof Error ? error.message : String(error);
  return { why: `the daemon said: ${why}`, fix: "See `docker-tutor doctor`; then run `docker-tutor prepare --save` again." };
}

/**
 * Writes the images (all here by now: prepare pulled what was missing) into one archive, as
 * `docker save` does, with the bytes written shown as they go. The archive is written beside `file`
 * and renamed at the end, so a save that fails or is stopped never leaves half an archive there.
 */
export async function saveArchive(
  session: Session,
  client: DockerClient,
  file: string,
  what: { readonly needed: readonly NeededImage[]; readonly lessonRefs: readonly string[] },
): Promise<void> {
  const t = theme(session);
  const archive = client.imageArchive();
  const images = what.needed.map((n) => n.image);
  const sizes = await Promise.all(images.map((image) => archive.sizeOf(image)));
  const estimate = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
  session.stdout.write(`${t.bold(`Saving ${images.length} image${images.length === 1 ? "" : "s"} to ${file}`)}\n`);
  what.needed.forEach(({ image, lessons }, i) => {
    const size = sizes[i];
    session.stdout.write(`  ${image} ${size === undefined ? "" : `${humanSize(size)} `}${t.dim(forLessons(lessons))}\n`);
  });

  const target = resolve(file);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => interrupted.abort(),
    atOnce: () => `Stopped at once; remove ${partial} if it is still there.`,
  });
  const progress = wantsBars(session.stdout, session.color, session.world.env) ? byteBar(session.stdout, "Writing", estimate) : noBar;
  try {
    const tar = await archive.save(images, interrupted.signal);
    await pipeline(tar, counting(progress), createWriteStream(partial, { flags: "wx" }), { signal: interrupted.signal });
    progress.finish();
    await rename(partial, target);
  } catch (error) {
    progress.finish();
    await rm(partial, { force: true });
    if (interrupted.signal.aborted) {
      session.stdout.write(`\n${t.warn} Stopped by Ctrl-C: ${file} was not written.\n`);
      throw new ExitError(ExitCode.interrupted);
    }
    const { why, fix } = writeProblem(error, file);
    throw new TutorError(`Could not save the images to ${file}: ${why}.`, fix, ExitCode.checkFailed, [], { cause: error });
  } finally {
    stopListening();
  }
  const written = (await stat(target)).size;
  const lessons = what.lessonRefs.length === 0 ? "" : ` ${what.lessonRefs.join(" ")}`;
  session.stdout.write(
    `${t.ok} Saved ${images.length} image${images.length === 1 ? "" : "s"} to ${file} (${humanSize(written)}). On each machine without a registry: \`docker-tutor prepare --load ${file}${lessons}\`\n`,
  );
}
