import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";

describe("TutorExecs: the tutor's own execs, by id", () => {
  it("knows the ids it was told, and no others", () => {
    const execs = new TutorExecs();
    execs.add("e1");
    expect(execs.has("e1")).toBe(true);
    expect(execs.has("e2")).toBe(false);
  });

  it("shared through a file, one tutor process knows another's probes (a check while the lesson runs)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dtt-execs-")), "data", "tutor-execs");
    const lesson = new TutorExecs();
    const check = new TutorExecs();
    lesson.shareThrough(file);
    check.shareThrough(file);
    check.add("probe-of-check");
    lesson.add("probe-of-lesson");
    expect(lesson.has("probe-of-check")).toBe(true);
    expect(check.has("probe-of-lesson")).toBe(true);
    expect(new TutorExecs().has("probe-of-check")).toBe(false);
  });

  it("tells when each probe ran: an event at a time none of them ran is not a probe's", () => {
    const execs = new TutorExecs();
    let now = 10_000;
    execs.useClock(() => now);
    execs.add("probe");
    expect(execs.startedAround("probe", 60_000)).toBe(10_000); // still running
    now = 10_400;
    execs.ended("probe");
    expect(execs.startedAround("probe", 10_200)).toBe(10_000);
    expect(execs.startedAround("probe", 9_000)).toBeUndefined();
    expect(execs.startedAround("probe", 12_000)).toBeUndefined();
    expect(execs.startedAround("someone-else", 10_200)).toBeUndefined();
  });

  it("another process's probe is known with its start time; an id from an older tutor's file, without one", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dtt-execs-")), "tutor-execs");
    writeFileSync(file, "old-style\n");
    const check = new TutorExecs();
    check.useClock(() => 20_000);
    check.shareThrough(file);
    check.add("probe-of-check");
    const lesson = new TutorExecs();
    lesson.shareThrough(file);
    expect(lesson.startedAround("probe-of-check", 20_100)).toBe(20_000);
    expect(lesson.startedAround("probe-of-check", 19_000)).toBeUndefined();
    expect(lesson.has("old-style")).toBe(true);
    expect(lesson.startedAround("old-style", 20_100)).toBeUndefined();
  });

  it("cuts the shared file down to its newest ids once it grows large", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dtt-execs-")), "tutor-execs");
    writeFileSync(file, `${Array.from({ length: 1200 }, (_, i) => `${"e".repeat(60)}${i}`).join("\n")}\n`);
    const execs = new TutorExecs();
    execs.shareThrough(file);
    execs.add("newest");
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines.length).toBe(501);
    expect(lines.at(-1)).toMatch(/^newest \d+$/);
    expect(execs.has(`${"e".repeat(60)}1199`)).toBe(true);
    expect(execs.has(`${"e".repeat(60)}0`)).toBe(false);
  });
});
