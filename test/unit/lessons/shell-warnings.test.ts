import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../../../src/cli/commands/validate.js";
import type { Session } from "../../../src/cli/session.js";
import { lessonFilesIn, loadLessonFile } from "../../../src/lessons/catalog.js";
import { placeShellWarnings, shellWarnings } from "../../../src/lessons/shell-warnings.js";
import { fakeWorld } from "../../helpers/fake-world.js";

const PACK = fileURLToPath(new URL("../../fixtures/shell-construct-pack", import.meta.url));
const FILE = `${PACK}/81-shell-constructs.yaml`;
const BUILT_IN = fileURLToPath(new URL("../../../lessons", import.meta.url));

function lessonOf(file: string) {
  const { entry, problems } = loadLessonFile(file, "validate", {});
  expect(problems).toEqual([]);
  if (!entry) throw new Error(`${file} did not load`);
  return entry.lesson;
}

describe("shellWarnings: commands a supported shell would not run as shown, with no variant", () => {
  it("names the step, the command, each shell and its construct; shown commands and solution lines alike", () => {
    const warnings = shellWarnings(lessonOf(FILE));
    expect(warnings.map((w) => [w.stepId, w.command, w.shells.map((s) => s.shell)])).toEqual([
      ["quoted-redirect", "docker container run alpine sh -c 'echo \"hi\" > /tmp/x'", ["cmd"]],
      ["plumbing", "docker volume ls | wc -l", ["PowerShell 7", "cmd"]],
      ["plumbing", "ls -l", ["PowerShell 7", "cmd"]],
      ["plumbing", "docker run --rm alpine sh -c 'echo \"a\" & echo b'", ["cmd"]],
    ]);
    expect(warnings[1]?.shells.map((s) => s.construct)).toEqual(["the shell operator |", "the shell operator |"]);
    expect(warnings[3]?.path).toEqual(["steps", 1, "solution", 0, "run"]);
  });

  it("leaves alone what a variant covers (single-quoted --format, cat) and what is typed in a container's shell", () => {
    const commands = shellWarnings(lessonOf(FILE)).map((w) => w.command);
    expect(commands.some((c) => c.includes("{{.Id}}") || c.startsWith("cat") || c.startsWith("echo") || c.includes("$(pwd)"))).toBe(false);
  });

  it("places each warning on its command's line in the file", () => {
    const placed = placeShellWarnings(FILE, readFileSync(FILE, "utf8"), shellWarnings(lessonOf(FILE)));
    const lines = readFileSync(FILE, "utf8").split("\n");
    expect(placed.map((warning) => lines[warning.line - 1]?.trim())).toEqual([
      `- 'docker container run alpine sh -c ''echo "hi" > /tmp/x'''`,
      "- docker volume ls | wc -l",
      "- ls -l",
      `- run: 'docker run --rm alpine sh -c ''echo "a" & echo b'''`,
    ]);
    expect(placed[0]).toMatchObject({ file: FILE, line: 22, col: 9 });
    expect(placed[0]?.what).toBe(
      'step "quoted-redirect": cmd would not run `docker container run alpine sh -c \'echo "hi" > /tmp/x\'` as shown, and the tutor cannot give it a variant (a `"` inside a word that also holds one of `& | < > ^`, which cmd would then see unquoted)',
    );
    expect(placed[1]?.what).toContain(
      "PowerShell 7 and cmd would not run `docker volume ls | wc -l` as shown, and the tutor cannot give them a variant (the shell operator |)",
    );
  });

  it("the built-in lessons have none", () => {
    for (const file of lessonFilesIn(BUILT_IN)) expect(shellWarnings(lessonOf(file)), file).toEqual([]);
  });
});

describe("validate with warnings", () => {
  it("prints one warning line per command and passes", async () => {
    let out = "";
    let err = "";
    const sink = (add: (text: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          add(String(chunk));
          done();
        },
      }) as unknown as NodeJS.WriteStream;
    const session = {
      world: fakeWorld({}),
      stdout: sink((t) => {
        out += t;
      }),
      stderr: sink((t) => {
        err += t;
      }),
      globals: { color: false, verbose: false, yes: false },
      color: false,
    } as unknown as Session;
    await expect(validate(session, [PACK])).resolves.toBeUndefined();
    const warnings = out.split("\n").filter((line) => line.includes(": warning: "));
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(
      /81-shell-constructs\.yaml:22:9: warning: step "quoted-redirect": cmd would not run .* — write it in a form every shell runs/,
    );
    expect(out).toContain(`! ${FILE}: lesson 81 "Shell constructs", 3 steps, 4 warnings`);
    expect(out).toContain("! 4 warnings: commands some learners' shells would not run as shown (warnings do not fail validate).");
    expect(err).toBe("");
  });
});
