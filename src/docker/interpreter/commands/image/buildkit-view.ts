import type { ProgressMessage, StreamFailure } from "../shared/json-lines.js";
import {
  BUILDKIT_TRACE_ID,
  type BuildStatus,
  type BuildVertex,
  type BuildVertexLog,
  type BuildVertexStatus,
  decodeBuildStatus,
} from "./buildkit-status.js";

/**
 * BuildKit's progress as the docker CLI prints it when its output is not a terminal (buildx
 * `--progress=plain`): each step is `#N name`, then its finished sub-tasks, its output lines with
 * the seconds since the step started, and `#N DONE 0.3s`, `#N CACHED` or `#N ERROR: …`.
 */
export interface BuildKitView {
  show(message: ProgressMessage): void;
  /** The CLI's summary of a failed build: the failed step's last lines, then `ERROR: failed to build: …`. */
  fail(failure: StreamFailure): void;
}

interface Step {
  /** Given when the step is first printed, as buildx numbers them. */
  number: number;
  name: string;
  started?: number;
  shown: boolean;
  finished: boolean;
  error?: string;
  readonly lines: string[];
  /** Output not yet ended by a newline. */
  partial: string;
}

/** How many of a failed step's last output lines the summary repeats. */
const FAILED_STEP_LINES = 10;

export function buildKitView(out: NodeJS.WritableStream): BuildKitView {
  const steps = new Map<string, Step>();
  const finishedTasks = new Set<string>();
  let nextNumber = 1;
  let blankBeforeNext = true;
  out.write('#0 building with "default" instance using docker driver\n');

  const stepOf = (digest: string): Step => {
    let step = steps.get(digest);
    if (step === undefined) {
      step = { number: 0, name: "", shown: false, finished: false, lines: [], partial: "" };
      steps.set(digest, step);
    }
    return step;
  };
  const heading = (step: Step) => {
    if (step.shown) return;
    step.shown = true;
    step.number = nextNumber++;
    out.write(`${blankBeforeNext ? "\n" : ""}#${step.number} ${step.name}\n`);
    blankBeforeNext = false;
  };
  const since = (step: Step, time: number | undefined) =>
    time === undefined || step.started === undefined ? 0 : Math.max(0, time - step.started);

  const showTask = (step: Step, task: BuildVertexStatus) => {
    if (task.completed === undefined || finishedTasks.has(`${task.vertex} ${task.id}`)) return;
    finishedTasks.add(`${task.vertex} ${task.id}`);
    heading(step);
    const amount = task.total > 0 ? ` ${bytes(task.current)} / ${bytes(task.total)}` : task.current > 0 ? ` ${bytes(task.current)}` : "";
    const took = task.started === undefined ? 0 : task.completed - task.started;
    out.write(`#${step.number} ${task.id}${amount}${took > 0.01 ? ` ${took.toFixed(1)}s` : ""} done\n`);
  };
  const showLog = (step: Step, log: BuildVertexLog) => {
    heading(step);
    const lines = (step.partial + log.message.toString("utf8")).split(/\r?\n/);
    step.partial = lines.pop() ?? "";
    const at = since(step, log.timestamp).toFixed(3);
    for (const line of lines) {
      out.write(`#${step.number} ${at} ${line}\n`);
      step.lines.push(`${at} ${line}`);
    }
  };
  const finish = (step: Step, vertex: BuildVertex) => {
    heading(step);
    step.finished = true;
    if (step.partial !== "") {
      out.write(`#${step.number} ${step.partial}\n`);
      step.lines.push(step.partial);
      step.partial = "";
    }
    if (vertex.error?.includes("context canceled")) out.write(`#${step.number} CANCELED\n`);
    else if (vertex.error) {
      step.error = vertex.error;
      out.write(`#${step.number} ERROR: ${vertex.error}\n`);
    } else if (vertex.cached) out.write(`#${step.number} CACHED\n`);
    else out.write(`#${step.number} DONE ${since(step, vertex.completed).toFixed(1)}s\n`);
    blankBeforeNext = true;
  };

  /** One message, step by step: each step's heading, finished tasks and output, then how it ended. */
  const update = (status: BuildStatus) => {
    const digests = [
      ...new Set([...status.vertexes.map((v) => v.digest), ...status.statuses.map((t) => t.vertex), ...status.logs.map((l) => l.vertex)]),
    ];
    for (const digest of digests) {
      const step = stepOf(digest);
      const vertex = status.vertexes.find((v) => v.digest === digest);
      if (vertex?.name) step.name = vertex.name;
      if (vertex?.started !== undefined) step.started = vertex.started;
      if (vertex?.started !== undefined || vertex?.cached) heading(step);
      for (const task of status.statuses) if (task.vertex === digest) showTask(step, task);
      for (const log of status.logs) if (log.vertex === digest) showLog(step, log);
      if (vertex !== undefined && (vertex.completed !== undefined || vertex.cached) && !step.finished) finish(step, vertex);
    }
  };

  return {
    show(message) {
      if (message.id !== BUILDKIT_TRACE_ID || typeof message.aux !== "string") return;
      update(decodeBuildStatus(message.aux));
    },
    fail(failure) {
      for (const step of steps.values()) {
        if (step.error === undefined) continue;
        out.write(`------\n > ${step.name}:\n`);
        for (const line of step.lines.slice(-FAILED_STEP_LINES)) out.write(`${line}\n`);
        out.write("------\n");
      }
      out.write(`ERROR: failed to build: failed to solve: ${failure.message}\n`);
    },
  };
}

/** Sizes as BuildKit's progress writes them (tonistiigi/units, decimal): 98B, 2.05kB, 1.20MB. */
function bytes(count: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = count;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value}B` : `${value.toFixed(2)}${units[unit]}`;
}
