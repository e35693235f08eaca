import type { DockerReader } from "../docker/reader.js";
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

/** A volume's files live on the daemon's side, so a short-lived container reads them (read-only). */
async function fileMiss(docker: DockerReader, volume: string, path: string, contains: string): Promise<string | undefined> {
  const image = await readerImage(docker);
  const relative = path.replace(/^\/+/, "");
  const { exitCode, output } = await docker.runThrowaway({
    image,
    command: ["cat", `${VOLUME_ROOT}/${relative}`],
    purpose: "read a file in a volume",
    volumes: [{ name: volume, target: VOLUME_ROOT }],
    timeoutMs: 15_000,
  });
  if (exitCode !== 0) return `has no file ${code(relative)}`;
  if (output.includes(contains)) return undefined;
  return `has a file ${code(relative)}, but it ${output.trim() === "" ? "is empty" : `holds ${code(excerpt(output))}`}, not ${code(contains)}`;
}

async function readerImage(docker: DockerReader): Promise<string> {
  const tags = new Set((await docker.listImages()).flatMap((i) => i.tags));
  const image = READER_IMAGES.find((candidate) => tags.has(candidate));
  if (!image) throw new Error(`reading a file in a volume needs the image busybox or alpine; run \`docker pull busybox\``);
  return image;
}
