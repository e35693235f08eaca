import type { LessonScope } from "../checks/check.js";
import { ofThisRun } from "../checks/container-match.js";
import { sameImageRef } from "../docker/image-ref.js";
import { PURPOSE_LABEL } from "../docker/labels.js";
import type { DockerReader } from "../docker/reader.js";
import type { Quiz } from "../lessons/schema.js";

/** The accepted answers of a quiz: written in the lesson, or read from the daemon right now. */
export async function expectedAnswers(quiz: Quiz, docker: DockerReader, startedAt: Date, scope?: LessonScope): Promise<string[]> {
  const mine = (labels: Readonly<Record<string, string>>) => scope === undefined || ofThisRun(scope, labels);
  if (quiz.answer !== undefined) return Array.isArray(quiz.answer) ? quiz.answer : [quiz.answer];
  const live = quiz.answerFrom;
  if (!live) return [];
  switch (live.query) {
    case "last-container-image": {
      const containers = (await docker.listContainers({ all: true })).filter((c) => !c.labels[PURPOSE_LABEL] && mine(c.labels));
      const last = containers.sort((a, b) => b.created.getTime() - a.created.getTime())[0];
      return last ? [last.image] : [];
    }
    case "container-count": {
      const containers = (await docker.listContainers({ all: true })).filter((c) => mine(c.labels));
      const counted = containers.filter((c) => c.created >= startedAt && (!live.image || sameImageRef(c.image, live.image)));
      return [String(counted.length)];
    }
    case "image-layer-count": {
      const image = live.image ? await docker.inspectImage(live.image) : undefined;
      return image ? [String(image.layers.length)] : [];
    }
    case "network-subnet": {
      const network = live.network ? await docker.inspectNetwork(live.network) : undefined;
      return network ? [...network.subnets] : [];
    }
    case "shared-layer-count": {
      const [a, b] = await Promise.all([
        live.image ? docker.inspectImage(live.image) : undefined,
        live.with ? docker.inspectImage(live.with) : undefined,
      ]);
      if (!a || !b) return [];
      let shared = 0;
      while (shared < a.layers.length && a.layers[shared] === b.layers[shared]) shared++;
      return [String(shared)];
    }
  }
}
