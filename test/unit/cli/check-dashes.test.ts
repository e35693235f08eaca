import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commandAfterDashes } from "../../../src/cli/program.js";

/** What `docker-tutor <argv>` gives check: its lesson and the command after --, parsed by commander as the real table does. */
async function split(argv: string[]) {
  let found: ReturnType<typeof commandAfterDashes> | undefined;
  const root = new Command("docker-tutor").exitOverride();
  root
    .command("check")
    .argument("[lesson]")
    .argument("[command...]")
    .option("--json")
    .action((ref: string | undefined, operands: string[], _options: unknown, command: Command) => {
      found = commandAfterDashes(command, ref, operands);
    });
  await root.parseAsync(argv, { from: "user" });
  return found;
}

describe("check <lesson> -- <command…>", () => {
  it.each([
    [["check", "4"], { lesson: "4", run: [] }],
    [["check"], { lesson: undefined, run: [] }],
    [["check", "4", "--", "bash", "lab4.sh"], { lesson: "4", run: ["bash", "lab4.sh"] }],
    [["check", "4", "--json", "--", "bash", "-c", "echo --live"], { lesson: "4", run: ["bash", "-c", "echo --live"] }],
    [["check", "--", "bash", "lab4.sh"], { lesson: undefined, run: ["bash", "lab4.sh"] }],
    [["check", "networks", "--"], { lesson: "networks", run: [] }],
  ])("%j → %j", async (argv, expected) => {
    expect(await split(argv)).toEqual(expected);
  });

  it.each([[["check", "4", "bash", "lab4.sh"]], [["check", "4", "5", "--", "bash"]]])(
    "%j is refused, not run: the command goes after --",
    async (argv) => {
      await expect(split(argv)).rejects.toThrow(/check takes one lesson, then the command to run after --/);
    },
  );
});
