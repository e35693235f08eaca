import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import type { LessonOutput } from "../../src/engine/events.js";
import { openLessonSession } from "../../src/engine/lesson-session.js";
import { builtInLessonsDir, loadCatalog } from "../../src/lessons/catalog.js";
import type { Step } from "../../src/lessons/schema.js";
import { ProgressStore } from "../../src/progress/store.js";
import { mustShell } from "./docker-cli.js";

/** A lesson running headless against the real daemon: outputs are collected and can be awaited. */
export async function startHeadlessLesson(
  number: number,
  vars: Record<string, string>,
  options: { tickMs?: number; stepId?: string } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), "dtt-data-"));
  const progress = new ProgressStore(join(dataDir, "progress.json"), () => undefined);
  const entry = loadCatalog([], vars).find((e) => e.lesson.number === number);
  if (!entry) throw new Error(`no lesson ${number} in ${builtInLessonsDir()}`);
  const { client } = await connectToDocker({}, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME }));
  const outputs: { output: LessonOutput; atMs: number }[] = [];
  const waiters: { match: (o: LessonOutput) => boolean; resolve: (o: { output: LessonOutput; atMs: number }) => void }[] = [];
  const startIndex = options.stepId === undefined ? undefined : entry.lesson.steps.findIndex((s) => s.id === options.stepId);
  const session = await openLessonSession({
    client,
    entry,
    progress,
    startIndex,
    tickMs: options.tickMs ?? 3_600_000,
    emit: (output) => {
      const record = { output, atMs: Date.now() };
      outputs.push(record);
      for (const w of waiters.filter((w) => w.match(output))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(record);
      }
    },
  });
  /** Resolves with the first output (already seen or to come) after `fromIndex` that matches. */
  const waitFor = (match: (o: LessonOutput) => boolean, timeoutMs = 20_000, fromIndex = 0) => {
    const seen = outputs.slice(fromIndex).find((r) => match(r.output));
    if (seen) return Promise.resolve(seen);
    return new Promise<{ output: LessonOutput; atMs: number }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; outputs so far: ${outputs.map((o) => o.output.type).join(", ")}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  };
  session.start();
  /** Removes the containers made since this lesson's snapshot from the lesson's images (never images). */
  const removeContainersMade = async () => {
    const before = new Set(progress.lesson(entry.lesson.id)?.snapshot?.containers ?? []);
    const images = new Set(entry.lesson.requires.images.map((i) => (i.includes(":") ? i : `${i}:latest`)));
    for (const c of await client.listContainers({ all: true })) {
      const image = c.image.includes(":") ? c.image : `${c.image}:latest`;
      if (!before.has(c.id) && (images.has(image) || Object.values(vars).includes(c.name))) await client.removeContainer(c.id);
    }
  };
  return { entry, client, progress, dataDir, outputs, waitFor, session, removeContainersMade };
}

/** A step's solution with the real docker CLI (file actions inside `workdir`). */
export async function runSolution(step: Step): Promise<void> {
  for (const action of step.solution) {
    if ("run" in action) await mustShell(action.run, action.stdin);
    else throw new Error(`step ${step.id}: file actions need a workspace, not used in lesson 1`);
  }
}
