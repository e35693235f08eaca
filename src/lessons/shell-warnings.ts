import { LineCounter, parseDocument } from "yaml";
import { commandPlaces } from "../shells/command-places.js";
import { SHELL_NAMES, SUPPORTED_SHELLS } from "../shells/learner-shell.js";
import { shellVariant } from "../shells/shell-variant.js";
import type { LessonProblem, Path } from "./lesson-problems.js";
import type { Lesson } from "./schema.js";

/** A command shown to learners that a supported shell would not run as shown, with no variant the tutor can give. */
export interface ShellWarning {
  readonly path: Path;
  readonly stepId: string;
  readonly command: string;
  /** Each shell that cannot run it, with the construct that stops it. */
  readonly shells: readonly { readonly shell: string; readonly construct: string }[];
}

/**
 * Every command of `commands:` typed in the learner's own shell, and every solution `run:` shown
 * to them, held to bash/zsh, PowerShell 7 and cmd. Commands typed inside a container's shell or a
 * playground node's are not: those shells are the container's. Pure.
 */
export function shellWarnings(lesson: Lesson): ShellWarning[] {
  const warnings: ShellWarning[] = [];
  const consider = (path: Path, stepId: string, command: string) => {
    const shells = SUPPORTED_SHELLS.flatMap((shell) => {
      const variant = shellVariant(command, shell);
      return variant.kind === "cannot" ? [{ shell: SHELL_NAMES[shell], construct: variant.construct }] : [];
    });
    if (shells.length > 0) warnings.push({ path, stepId, command, shells });
  };
  let inside = false;
  lesson.steps.forEach((step, i) => {
    const { places, insideAtEnd } = commandPlaces(step.commands, inside);
    inside = insideAtEnd;
    step.commands.forEach((command, j) => {
      if (places[j] === "host") consider(["steps", i, "commands", j], step.id, command);
    });
    step.solution.forEach((action, j) => {
      if ("run" in action && action.node === undefined) consider(["steps", i, "solution", j, "run"], step.id, action.run);
    });
  });
  return warnings;
}

/** Each warning as a `file:line:col` line for `validate`, placed on its command in the file's text. */
export function placeShellWarnings(file: string, text: string, warnings: readonly ShellWarning[]): LessonProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return warnings.map((warning) => {
    const node = doc.getIn(warning.path, true) as { range?: [number, number, number] } | undefined;
    const at = lines.linePos(node?.range?.[0] ?? 0);
    const names = warning.shells.map((s) => s.shell);
    const constructs = new Set(warning.shells.map((s) => s.construct));
    const why = constructs.size === 1 ? [...constructs][0] : warning.shells.map((s) => `${s.shell}: ${s.construct}`).join("; ");
    return {
      file,
      ...at,
      what: `step "${warning.stepId}": ${names.join(" and ")} would not run \`${warning.command}\` as shown, and the tutor cannot give ${names.length > 1 ? "them a variant" : "it a variant"} (${why})`,
      fix: "write it in a form every shell runs (double quotes, `source=.`, no pipes), or move it into a container's shell",
    };
  });
}
