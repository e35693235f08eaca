import { bashWords, plainText } from "./shell-words.js";

/**
 * Where a shown command is typed: the learner's own shell (or the tutor's prompt), the shell of a
 * container an earlier command opened (`docker container run -it alpine sh` … `exit`), or a
 * playground node's shell (`node1 $ docker …`). Only the first depends on the learner's machine.
 */
export type CommandPlace = "host" | "container" | "node";

const NODE_PROMPT = /^\S+ \$ /;

/** The place of each command in order; `insideAtStart` when an earlier step left a container's shell open. Pure. */
export function commandPlaces(commands: readonly string[], insideAtStart = false): { places: CommandPlace[]; insideAtEnd: boolean } {
  let inside = insideAtStart;
  const places = commands.map((command): CommandPlace => {
    if (NODE_PROMPT.test(command)) return "node";
    if (inside) {
      if (/^\s*exit(\s|$)/.test(command)) inside = false;
      return "container";
    }
    if (opensContainerShell(command)) inside = true;
    return "host";
  });
  return { places, insideAtEnd: inside };
}

/** `docker run -it …`, `docker exec -it …`, `docker start -ai …`, `docker attach …`: the terminal goes into the container. */
export function opensContainerShell(command: string): boolean {
  const parsed = bashWords(command);
  if (!parsed.ok) return false;
  const words = parsed.words.map((word) => plainText(word) ?? "");
  if (words[0] !== "docker") return false;
  const rest = words[1] === "container" ? words.slice(2) : words.slice(1);
  const verb = rest[0];
  const options = optionsBeforeOperand(rest.slice(1));
  const has = (short: string, long: string) =>
    options.some((o) => o === `--${long}` || o === `--${long}=true` || (/^-[a-zA-Z]+$/.test(o) && o.includes(short)));
  if (verb === "attach") return true;
  if (verb === "start") return has("a", "attach") && has("i", "interactive");
  if (verb === "run" || verb === "exec") return has("i", "interactive") && has("t", "tty") && !has("d", "detach");
  return false;
}

/** Options of `docker run`/`exec` that take the next word as their value. */
const VALUE_OPTIONS = new Set([
  "--name",
  "-p",
  "--publish",
  "-e",
  "--env",
  "-v",
  "--volume",
  "--mount",
  "--network",
  "--net",
  "-w",
  "--workdir",
  "-u",
  "--user",
  "-l",
  "--label",
  "--entrypoint",
  "-h",
  "--hostname",
]);

/** The options up to the image or container: what comes after belongs to the command run inside. */
function optionsBeforeOperand(words: readonly string[]): string[] {
  const options: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith("-")) break;
    options.push(word);
    if (VALUE_OPTIONS.has(word)) i++;
  }
  return options;
}
