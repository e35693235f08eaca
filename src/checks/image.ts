import { normalizeImageRef } from "../docker/image-ref.js";
import type { DockerReader } from "../docker/reader.js";
import type { ImageDetails } from "../docker/views.js";
import type { CheckOf } from "../lessons/schema.js";
import type { CheckEvaluator } from "./check.js";
import { type Expectation, judge } from "./closest-candidate.js";
import { cmdMatches, commonPrefixLength, isBuiltOn, sameLayers } from "./image-layers.js";
import { checkResult, code, counted, joinPhrases, normalizePort } from "./wording.js";

type E = Expectation<ImageDetails>;

/** Proves an image exists under a tag and was built as the step asked (base, layers, CMD, …). */
export const evaluateImage: CheckEvaluator<"image"> = async (spec, { docker }) => {
  const subject = `image ${code(spec.ref)}`;
  const expectations = imageExpectations(spec, docker);
  const phrases = joinPhrases(expectations.map((e) => e.phrase));
  const expected = phrases === "" ? `${subject} exists` : `${subject} exists and ${phrases}`;
  const result = (pass: boolean, actual: string) => checkResult("image", pass, expected, actual);

  const image = await findImage(docker, spec.ref);
  if (!image) return result(false, await whyNoImage(docker, spec.ref));
  const { misses } = await judge(image, expectations);
  const miss = misses.find((m) => m !== undefined);
  return miss === undefined
    ? result(true, phrases === "" ? `${subject} exists` : `${subject} ${phrases}`)
    : result(false, `${subject} ${miss}`);
};

/** The daemon also resolves id prefixes; a lesson's ref must be an actual tag (or an explicit id). */
async function findImage(docker: DockerReader, ref: string): Promise<ImageDetails | undefined> {
  const image = await docker.inspectImage(ref);
  if (!image || ref.startsWith("sha256:")) return image;
  return image.tags.some((t) => normalizeImageRef(t) === normalizeImageRef(ref)) ? image : undefined;
}

async function whyNoImage(docker: DockerReader, ref: string): Promise<string> {
  const wanted = normalizeImageRef(ref);
  const repository = wanted.slice(0, wanted.lastIndexOf(":"));
  const siblings = (await docker.listImages({ repository }))
    .flatMap((i) => i.tags)
    .map(normalizeImageRef)
    .filter((t) => t.slice(0, t.lastIndexOf(":")) === repository);
  const hint =
    siblings.length === 0 ? "" : ` (${code(repository)} has only ${siblings.map((t) => code(t.slice(repository.length + 1))).join(", ")})`;
  return `there is no image ${code(ref)}${hint}`;
}

function imageExpectations(spec: CheckOf<"image">, docker: DockerReader): E[] {
  const list: (E | undefined)[] = [
    spec.basedOn === undefined ? undefined : basedOn(docker, spec.basedOn),
    spec.sharesLayers === undefined ? undefined : sharesLayers(docker, spec.sharesLayers.with, spec.sharesLayers.atLeast),
    spec.differsFrom === undefined ? undefined : differsFrom(docker, spec.differsFrom),
    spec.cmd === undefined ? undefined : cmd(spec.cmd),
    spec.workingDir === undefined ? undefined : workingDir(spec.workingDir),
    ...(spec.exposedPorts ?? []).map((p) => exposes(normalizePort(p))),
    spec.historyContains === undefined ? undefined : historyContains(docker, spec.ref, spec.historyContains),
  ];
  return list.filter((e) => e !== undefined);
}

/** An expectation comparing this image with another one, which must exist to compare with. */
function against(
  docker: DockerReader,
  otherRef: string,
  phrase: string,
  compare: (image: ImageDetails, other: ImageDetails) => string | undefined,
): E {
  return {
    phrase,
    miss: async (image) => {
      const other = await findImage(docker, otherRef);
      return other ? compare(image, other) : `cannot be compared with ${code(otherRef)}, which is not here (pull or build it)`;
    },
  };
}

const basedOn = (docker: DockerReader, baseRef: string): E =>
  against(docker, baseRef, `is built on ${code(baseRef)}`, (image, base) =>
    isBuiltOn(image.layers, base.layers) ? undefined : `does not start with the layers of ${code(baseRef)}, so it was not built on it`,
  );

const differsFrom = (docker: DockerReader, otherRef: string): E =>
  against(docker, otherRef, `differs from ${code(otherRef)} in at least one layer`, (image, other) =>
    sameLayers(image.layers, other.layers) ? `has exactly the same layers as ${code(otherRef)}` : undefined,
  );

const sharesLayers = (docker: DockerReader, otherRef: string, atLeast: number): E =>
  against(docker, otherRef, `shares at least ${counted(atLeast, "layer")} with ${code(otherRef)}`, (image, other) => {
    const shared = commonPrefixLength(image.layers, other.layers);
    return shared >= atLeast
      ? undefined
      : `shares ${shared === 0 ? "no layers" : `only ${counted(shared, "layer")}`} with ${code(otherRef)}, not at least ${atLeast}`;
  });

const cmd = (wanted: string): E => ({
  phrase: `has CMD ${code(wanted)}`,
  miss: async (image) => {
    if (cmdMatches(image.cmd, wanted)) return undefined;
    return image.cmd.length === 0 ? `has no CMD, not ${code(wanted)}` : `has CMD ${code(JSON.stringify(image.cmd))}, not ${code(wanted)}`;
  },
});

const workingDir = (wanted: string): E => ({
  phrase: `has WORKDIR ${code(wanted)}`,
  miss: async (image) => {
    if (image.workingDir === wanted) return undefined;
    // "/" is what images built by BuildKit from scratch record (alpine, nginx): the root, no WORKDIR of the Dockerfile's
    if (image.workingDir === "" || image.workingDir === "/") return `has no WORKDIR (it works in /), not ${code(wanted)}`;
    return `has WORKDIR ${code(image.workingDir)}, not ${code(wanted)}`;
  },
});

const exposes = (port: string): E => ({
  phrase: `exposes ${port}`,
  miss: async (image) => {
    if (image.exposedPorts.includes(port)) return undefined;
    return `does not expose ${port} (it exposes ${image.exposedPorts.length === 0 ? "nothing" : image.exposedPorts.join(", ")})`;
  },
});

const historyContains = (docker: DockerReader, ref: string, text: string): E => ({
  phrase: `has a history step with ${code(text)}`,
  miss: async () =>
    (await docker.imageHistory(ref)).some((h) => h.createdBy.includes(text)) ? undefined : `has no history step with ${code(text)}`,
});
