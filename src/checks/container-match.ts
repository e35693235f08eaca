/** Which containers a container or exec check looks at (the `containerMatch` fields of the lesson schema). */
import { sameImageRef } from "../docker/image-ref.js";
import type { ContainerDetails } from "../docker/views.js";
import type { CheckContext, LessonScope } from "./check.js";
import type { Expectation } from "./closest-candidate.js";
import { code, shortId } from "./wording.js";

export interface ContainerMatch {
  readonly name?: string | undefined;
  readonly image?: string | undefined;
  readonly command?: string | undefined;
  readonly createdDuringLesson?: boolean | undefined;
  /** Whose start a new container must follow: the step's (default) or the lesson's (one an earlier step made). */
  readonly since?: "step" | "lesson" | undefined;
  readonly service?: string | undefined;
}

/** The label swarm puts on each task's container. */
const SERVICE_LABEL = "com.docker.swarm.service.name";

/** Containers are listed with whole-second `Created`; allow for that and a little clock skew. */
const CREATION_SLACK_MS = 2000;
/**
 * Inspect gives `Created` to the nanosecond; what is left is the error of the daemon clock's
 * offset (half a round trip, see daemon-clock.ts). Tight, so that a container the previous step
 * made a moment before this one began does not count for it.
 */
const PRECISE_SLACK_MS = 250;

/** When the window a new container must fall in opens, on the daemon's clock. */
export function windowStart(scope: LessonScope, since: ContainerMatch["since"]): Date {
  return since === "lesson" ? scope.startedAt : (scope.stepStartedAt ?? scope.startedAt);
}

/** The words for that window: "since this step began", or "since the lesson began". */
export function windowWords(scope: LessonScope, since: ContainerMatch["since"]): string {
  return since !== "lesson" && scope.stepStartedAt !== undefined ? "since this step began" : "since the lesson began";
}

/** Made after the window opened (and not there before the lesson); `precise` when `created` comes from inspect. */
export function createdInWindow(scope: LessonScope, match: ContainerMatch, id: string, created: Date, precise = false): boolean {
  const slack = precise ? PRECISE_SLACK_MS : CREATION_SLACK_MS;
  return !scope.preexistingContainerIds.has(id) && created.getTime() >= windowStart(scope, match.since).getTime() - slack;
}

/** In a test run, only the run's own containers count when matching by image. */
export const ofThisRun = (scope: LessonScope, labels: Readonly<Record<string, string>>): boolean =>
  scope.runLabel === undefined || labels[scope.runLabel.key] === scope.runLabel.value;

/** Without a name a check is about what the learner does now, so only new containers count by default. */
const onlyNewContainers = (match: ContainerMatch): boolean =>
  match.createdDuringLesson ?? (match.name === undefined && match.service === undefined);

/** "container `web`", "a container from `alpine` created since this step began", "at least 2 containers …". */
export function describeMatch(match: ContainerMatch, scope: LessonScope, atLeast = 1): string {
  if (match.name !== undefined) return `container ${code(match.name)}`;
  if (match.service !== undefined) return `a running task of service ${code(match.service)}`;
  const from = match.image === undefined ? "" : ` from ${code(match.image)}`;
  const since = onlyNewContainers(match) ? ` created ${windowWords(scope, match.since)}` : "";
  return atLeast > 1 ? `at least ${atLeast} containers${from}${since}` : `a container${from}${since}`;
}

/** How a failure names one container: by the name the lesson uses, else by image and short id. */
export function describeCandidate(match: ContainerMatch, container: ContainerDetails): string {
  if (match.name !== undefined) return `container ${code(match.name)}`;
  if (match.service !== undefined) return `task container ${code(container.name)} of service ${code(match.service)}`;
  const image = match.image === undefined ? "" : `${code(match.image)} `;
  return `your ${image}container ${shortId(container.id)}`;
}

/** The words a container ran, joined by spaces, as a learner typed them after the image. */
export function commandOf(container: ContainerDetails): string {
  return (container.cmd.length > 0 ? container.cmd : container.command).join(" ").trim().replace(/\s+/g, " ");
}

export interface Candidates {
  /** Newest first. */
  readonly containers: readonly ContainerDetails[];
  /** Why there are none, as the check's `actual`. */
  readonly whyNone: string;
}

export async function findCandidates(match: ContainerMatch, context: CheckContext): Promise<Candidates> {
  const { docker, scope } = context;
  if (match.name !== undefined) {
    // Asked by name, without listing every container (a list takes 20-40 ms, an inspect 2). A name
    // is unique, and the daemon looks a name up before an id prefix: an answer under another name
    // (an id that starts with these letters) means no container has this one.
    const found = await docker.inspectContainer(match.name);
    const named = found?.name === match.name ? [found] : [];
    return { containers: named, whyNone: `there is no container named ${code(match.name)}` };
  }
  const all = await docker.listContainers({ all: true });
  // Listing gives whole seconds; inspect's creation time orders containers made in the same second.
  const inspectNewestFirst = async (ids: readonly string[]) =>
    (await Promise.all(ids.map((id) => docker.inspectContainer(id))))
      .filter((d) => d !== undefined)
      .sort((a, b) => b.created.getTime() - a.created.getTime());
  if (match.service !== undefined) {
    const tasks = await inspectNewestFirst(all.filter((c) => c.labels[SERVICE_LABEL] === match.service).map((c) => c.id));
    const running = [...tasks.filter((t) => t.running), ...tasks.filter((t) => !t.running)];
    return { containers: running, whyNone: `no task of service ${code(match.service)} runs on this node` };
  }
  const mine = all.filter((c) => ofThisRun(scope, c.labels));
  const windowed = onlyNewContainers(match);
  const recent = windowed ? mine.filter((c) => createdInWindow(scope, match, c.id, c.created)) : mine;
  const inspected = await inspectNewestFirst(recent.map((c) => c.id));
  const details = windowed ? inspected.filter((d) => createdInWindow(scope, match, d.id, d.created, true)) : inspected;
  const wanted = match.image;
  const containers = wanted === undefined ? details : details.filter((d) => sameImageRef(d.image, wanted));
  return { containers, whyNone: whyNoneFrom(match, scope, details[0]) };
}

function whyNoneFrom(match: ContainerMatch, scope: LessonScope, newestOther: ContainerDetails | undefined): string {
  const from = match.image === undefined ? "" : ` from ${code(match.image)}`;
  const base = onlyNewContainers(match)
    ? `no container${from} was created ${windowWords(scope, match.since)}`
    : `there is no container${from}`;
  return newestOther ? `${base} (the newest, ${shortId(newestOther.id)}, is from ${code(newestOther.image)})` : base;
}

/** With a name, the name picks the container and everything else in the match is an expectation. */
export function matchExpectations(match: ContainerMatch, scope: LessonScope): Expectation<ContainerDetails>[] {
  const expectations: Expectation<ContainerDetails>[] = [];
  const { image, command } = match;
  if (match.name !== undefined && image !== undefined) {
    expectations.push({
      phrase: `was created from ${code(image)}`,
      miss: async (c) => (sameImageRef(c.image, image) ? undefined : `was created from ${code(c.image)}, not ${code(image)}`),
    });
  }
  if (match.name !== undefined && match.createdDuringLesson === true) {
    const window = windowWords(scope, match.since);
    expectations.push({
      phrase: `was created ${window}`,
      miss: async (c) => (createdInWindow(scope, match, c.id, c.created, true) ? undefined : `was created before, not ${window}`),
    });
  }
  if (command !== undefined) {
    const wanted = command.trim().split(/\s+/).join(" ");
    expectations.push({
      phrase: `ran ${code(wanted)}`,
      miss: async (c) => (commandOf(c) === wanted ? undefined : `ran ${code(commandOf(c))}, not ${code(wanted)}`),
    });
  }
  return expectations;
}
