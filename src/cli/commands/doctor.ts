import { connectToDocker } from "../../docker/connect.js";
import { diagnose } from "../../doctor/diagnose.js";
import { lessonNeeds } from "../../doctor/requirements.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { renderDoctorReport } from "../../ui/doctor-report.js";
import { createTheme } from "../../ui/theme.js";
import { catalog } from "../command-context.js";
import type { Session } from "../session.js";

export interface DoctorOptions {
  readonly json: boolean;
}

export async function doctor(session: Session, options: DoctorOptions): Promise<void> {
  const { globals, world } = session;
  let connection: Awaited<ReturnType<typeof connectToDocker>>;
  try {
    connection = await connectToDocker({ host: globals.host, context: globals.context }, world);
  } catch (error) {
    if (options.json && error instanceof TutorError) {
      const unreachable = { ready: false, error: { message: error.message, fix: error.fix, tried: error.details } };
      session.stdout.write(`${JSON.stringify(unreachable, null, 2)}\n`);
      throw new ExitError(error.exitCode);
    }
    throw error;
  }
  const lessons = (await catalog(session)).map((entry) => entry.lesson);
  const report = await diagnose(connection, { platform: world.platform, needs: lessonNeeds(lessons), lessons });
  if (options.json) {
    const { endpoint, engine } = connection;
    const json = { ...report, daemon: { host: endpoint.host, source: endpoint.source, warnings: connection.warnings }, engine };
    session.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    session.stdout.write(renderDoctorReport(report, createTheme(session.color)));
  }
  if (!report.ready) throw new ExitError(ExitCode.checkFailed);
}
