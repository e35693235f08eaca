import type { TextRenderer } from "./text-renderer.js";
import type { TypedLine } from "./typed-line.js";

/** `help` at the prompt: the keys in one short block (two columns, under 50 wide), then where other commands go. */
export function promptHelp(text: TextRenderer): string {
  const t = text.theme;
  const rows: [string, string][] = [
    ["h  next hint", "s  solution (a quiz: its answer)"],
    ["r  run it for me", "c  check now"],
    ["k  skip this step", "q  leave (progress is kept)"],
    ["Enter  next step, once done", ""],
  ];
  const keys = rows.map(([left, right]) => `  ${left.padEnd(22)}${right}`.trimEnd()).join("\n");
  return `${t.dim("At this prompt (a letter, then Enter):")}\n${keys}\n${text.sentence(
    "Type docker commands here (a leading `$` is fine). Other commands (`curl`, `cd`, `docker-tutor …`) run in your own shell, in another terminal.",
  )}`;
}

/** One sentence for a line the prompt does not run; undefined for lines it does. */
export function typedLineAdvice(typed: TypedLine): string | undefined {
  switch (typed.kind) {
    case "exit":
      return "You are at the tutor's prompt, not in a shell: `exit` belongs in a container's shell; q leaves the lesson (your progress is kept).";
    case "docker-typo":
      return `\`${typed.word}\` is not a command here: did you mean \`${typed.line}\`?`;
    case "elsewhere":
      return typed.where === "container"
        ? `\`${typed.line}\` goes inside the container's shell (the \`/ #\` prompt that \`docker container run -it …\` opens), not at the tutor's prompt.`
        : `\`${typed.line}\` goes in ${typed.where}'s shell: open it in another terminal with \`docker-tutor env shell ${typed.where}\`.`;
    case "other":
      return `\`${typed.word}\` runs in your own shell, in another terminal: this prompt runs docker commands and the lesson's keys (help lists them).`;
    default:
      return undefined;
  }
}
