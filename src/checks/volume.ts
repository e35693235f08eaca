import type { DockerReader } from "../docker/reader.js";
import type { VolumeFile } from "../docker/volume-file.js";
import type { CheckEvaluator } from "./check.js";
import { checkResult, code, excerpt } from "./wording.js";

/** Images a throwaway reader may use, in order of preference; lessons pull one of them early on. */
const READER_IMAGES = ["busybox:latest", "alpine:latest"];
const VOLUME_ROOT = "/volume";

/** Proves a volume exists, with its driver, and that a file in it holds some text. */
export const evaluateVolume: CheckEvaluator<"volume"> = async (spec, { docker }) => {
  const subject = `volume ${code(spec.name)}`;
  const phrases = [
    spec.driver === undefined ? undefined : `uses the driver ${code(spec.driver)}`,
    spec.file === undefined ? undefined : `holds a file ${code(spec.file.path)} containing ${code(spec.file.contains)}`,
  ].filter((p) => p !== undefined);
  const expected = `${subject} exists${phrases.length === 0 ? "" : ` and ${phrases.join(" and ")}`}`;
  const result = (pass: boolean, actual: string) => checkResult("volume", pass, expected, actual);

  const volume = await docker.inspectVolume(spec.name);
  if (!volume) return result(false, `there is no volume named ${code(spec.name)}`);
  if (spec.driver !== undefined && volume.driver !== spec.driver)
    return result(false, `${subject} uses the driver ${code(volume.driver)}, not ${code(spec.driver)}`);
  if (spec.file) {
    const miss = await fileMiss(docker, spec.name, spec.file.path, spec.file.contains);
    if (miss) return result(false, `${subject} ${miss}`);
  }
  return result(true, `${subject} exists${phrases.length === 0 ? "" : ` and ${phrases.join(" and ")}`}`);
};

/**
 * A volume's files live on the daemon's side: read through a container that mounts the volume
 * (no container is started), or else by a short-lived container that mounts it read-only.
 */
async function fileMiss(docker: DockerReader, volume: string, path: string, contains: string): Promise<string | undefined> {
  const relative = path.replace(/^\/+/, "");
  const file = (await docker.readVolumeFile(volume, relative).catch(() => undefined)) ?? (await readByThrowaway(docker, volume, relative));
  if (!file.found) return `has no file ${code(relative)}`;
  const output = file.content;
  if (output.includes(contains)) return undefined;
  return `has a file ${code(relative)}, but it ${output.trim() === "" ? "is empty" : `holds ${code(excerpt(output))}`}, not ${code(contains)}`;
}

async function readByThrowaway(docker: DockerReader, volume: string, relative: string): Promise<VolumeFile> {
  const { exitCode, output } = await docker.runThrowaway({
    image: await readerImage(docker),
    command: ["cat", `${VOLUME_ROOT}/${relative}`],
    purpose: "read a file in a volume",
    volumes: [{ name: volume, target: VOLUME_ROOT }],
    timeoutMs: 15_000,
  });
  return exitCode === 0 ? { found: true, content: output } : { found: false };
}

async function readerImage(docker: DockerReader): Promise<string> {
  // An inspect each (the round shares them) costs less than listing every image.
  const present = await Promise.all(READER_IMAGES.map(async (candidate) => (await docker.inspectImage(candidate)) !== undefined));
  const image = READER_IMAGES.find((_, index) => present[index]);
  if (!image) throw new Error(`reading a file in a volume needs the image busybox or alpine; run \`docker pull busybox\``);
  return image;
}
