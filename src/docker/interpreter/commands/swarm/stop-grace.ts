import type { CommandIO } from "../../command.js";

/**
 * A service spec as created in a test run (CommandIO.taskStopGraceSeconds): its tasks get that
 * stop grace, unless the spec names one. Whenever the swarm stops a task (a drain, an update, a
 * removal), a process that ignores SIGTERM (`sleep` as PID 1) is then killed after that long
 * instead of the default 10 seconds. A learner's service is created as the CLI creates it.
 */
export function withStopGrace(spec: Record<string, unknown>, io: CommandIO): Record<string, unknown> {
  const seconds = io.taskStopGraceSeconds;
  const template = spec.TaskTemplate as { ContainerSpec?: Record<string, unknown> } | undefined;
  if (seconds === undefined || !template?.ContainerSpec || template.ContainerSpec.StopGracePeriod !== undefined) return spec;
  return {
    ...spec,
    TaskTemplate: { ...template, ContainerSpec: { ...template.ContainerSpec, StopGracePeriod: seconds * 1_000_000_000 } },
  };
}
