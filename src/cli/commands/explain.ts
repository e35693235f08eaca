import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { renderExplanation } from "../../ui/explain-report.js";
import { connect, theme } from "../command-context.js";
import type { Session } from "../session.js";

/** The Engine API calls a docker command makes; with --run, it also runs them. */
export async function explain(session: Session, line: string, options: { run: boolean; json: boolean }): Promise<void> {
  const { planLine } = await import("../../docker/interpreter/interpret.js");
  const env = { vars: session.world.env, cwd: process.cwd() };
  const planned = planLine(line, env);
  if (!planned.ok) throw new TutorError(planned.problem, "Check the command, or run it with the real docker CLI.", ExitCode.usage);
  if (options.json) {
    session.stdout.write(`${JSON.stringify({ command: `docker ${planned.words.join(" ")}`, calls: planned.calls }, null, 2)}\n`);
  } else {
    session.stdout.write(renderExplanation(line, planned.words, planned.calls, theme(session), options.run));
  }
  if (!options.run) return;
  const { client } = await connect(session);
  const code = await client.runCommand(line, {
    stdout: session.stdout,
    stderr: session.stderr,
    cwd: process.cwd(),
    env: session.world.env,
  });
  if (code !== 0) throw new ExitError(code === 1 ? ExitCode.checkFailed : ExitCode.checkFailed);
}
