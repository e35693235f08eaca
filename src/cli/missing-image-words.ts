import { code, joinPhrases } from "../checks/wording.js";
import { pullFailureKind, waysPastPullLimit } from "../docker/pull-failure.js";
import type { RegistryAnswer } from "./registry-answer.js";

/** What is known after a command failed on an image this machine does not have. */
export interface MissingImage {
  /** The image as the learner wrote it: `helo-world`. */
  readonly typed: string;
  /** A name the learner likely meant: one the lesson uses or one on this machine, close in spelling. */
  readonly near: string | undefined;
  /** What the registry (or the daemon's mirror) says about the image now. */
  readonly answer: RegistryAnswer;
  /** The lesson's own images (requires.images), as written in the lesson. */
  readonly lessonImages: readonly string[];
  readonly lessonNeedsIt: boolean;
  readonly lessonNumber: number;
}

/**
 * One sentence after Docker's own error, never contradicting it: Docker has just said why the pull
 * failed (a DNS error offline, "not found" or "pull access denied" online), so this says only what
 * Docker cannot know: the name the learner likely meant, or what to do for the lesson. Undefined when
 * there is nothing to add (the registry has the image: the failure was something else).
 */
export function missingImageSentence(m: MissingImage): string | undefined {
  if (m.answer?.pullable === true) return undefined;
  const kind = m.answer === undefined ? "no-answer" : pullFailureKind(m.answer.why);
  const image = `\`${m.typed}\``;
  if (m.near !== undefined) {
    // Only a registry that answered can say the image exists nowhere; otherwise it is missing here.
    const where = kind === "no-such-image" ? "" : " on this machine";
    return `There is no image ${image}${where}: did you mean \`${m.near}\`?`;
  }
  const uses = m.lessonImages.length > 0 ? `this lesson uses ${joinPhrases(m.lessonImages.map(code))}` : "";
  switch (kind) {
    case "no-network":
      return m.lessonNeedsIt
        ? `The daemon cannot reach a registry, and this lesson needs ${image}: while online, run \`docker-tutor prepare ${m.lessonNumber}\`, and the lesson then runs offline.`
        : `${image} is not on this machine and the daemon cannot reach a registry to pull it${uses ? `; ${uses}` : ""}.`;
    case "no-such-image":
      return m.lessonNeedsIt
        ? `The registry the daemon asks has no image ${image} (or it is private), yet this lesson needs it: \`docker-tutor doctor\` shows which registry or mirror the daemon uses.`
        : `The registry has no image ${image} (or it is private): check its name${uses ? `; ${uses}` : ""}.`;
    case "rate-limit":
      return `The registry refused the pull with HTTP 429 (too many requests: this address has used up its pull limit), so ${waysPastPullLimit(m.lessonNeedsIt ? String(m.lessonNumber) : "")}.`;
    default:
      return undefined;
  }
}
