import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { BuildIntent } from "../../../../src/docker/interpreter/commands/image/build-request.js";
import { decodeBuildStatus } from "../../../../src/docker/interpreter/commands/image/buildkit-status.js";
import { buildKitView } from "../../../../src/docker/interpreter/commands/image/buildkit-view.js";
import { cliPluginDirs } from "../../../../src/docker/interpreter/commands/image/cli-plugins.js";
import { parseLine } from "../../../../src/docker/interpreter/commands/shared/json-lines.js";
import { interpret } from "../../../../src/docker/interpreter/interpret.js";
import type { EngineTransport } from "../../../../src/docker/interpreter/transport.js";
import { fakeTransport } from "../../../helpers/fake-transport.js";

/** Streams Engine 28.5's BuildKit answered to POST /build?version=2 (captured with curl). */
const testdata = (name: string) => readFileSync(new URL(`testdata/${name}`, import.meta.url), "utf8");

function render(stream: string, failure?: string): string {
  let out = "";
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const view = buildKitView(sink);
  for (const line of stream.split("\n").filter(Boolean)) view.show(parseLine(line));
  if (failure !== undefined) view.fail({ message: failure });
  sink.end();
  return out;
}

/** A protobuf message by hand: field 1 (a Vertex) with digest, name and cached=true. */
function cachedVertexMessage(): string {
  const field = (number: number, bytes: Buffer) => Buffer.concat([Buffer.from([(number << 3) | 2, bytes.length]), bytes]);
  const vertex = Buffer.concat([field(1, Buffer.from("sha256:ab")), field(3, Buffer.from("[2/2] RUN true")), Buffer.from([4 << 3, 1])]);
  return field(1, vertex).toString("base64");
}

describe("BuildKit status messages", () => {
  it("decodes a vertex's digest, name and cached flag from the wire format", () => {
    expect(decodeBuildStatus(cachedVertexMessage()).vertexes).toEqual([{ digest: "sha256:ab", name: "[2/2] RUN true", cached: true }]);
  });

  it("decodes a daemon's stream: step names, times, and the output of a RUN", () => {
    const statuses = testdata("buildkit-failed.jsonl")
      .split("\n")
      .filter((line) => line.includes("moby.buildkit.trace"))
      .map((line) => decodeBuildStatus(JSON.parse(line).aux as string));
    const names = new Set(statuses.flatMap((s) => s.vertexes.map((v) => v.name)));
    expect(names).toContain("[2/2] RUN echo out; echo err >&2; exit 3");
    const output = statuses.flatMap((s) => s.logs.map((log) => log.message.toString())).join("");
    expect(output).toBe("out\nerr\n");
    const failed = statuses.flatMap((s) => s.vertexes).find((v) => v.error !== undefined);
    expect(failed?.error).toMatch(/exit code: 3$/);
    expect(failed?.completed).toBeGreaterThan(failed?.started ?? Number.POSITIVE_INFINITY);
  });

  it("refuses a truncated message instead of reading past its end", () => {
    expect(() => decodeBuildStatus(Buffer.from([0x0a, 0x05, 0x01]).toString("base64"))).toThrow(/truncated/);
  });
});

describe("BuildKit progress as the CLI's plain output", () => {
  it("numbers steps in the order shown and marks the reused ones CACHED", () => {
    const out = render(testdata("buildkit-cached.jsonl"));
    expect(out.startsWith('#0 building with "default" instance using docker driver\n\n#1 ')).toBe(true);
    const numbers = [...out.matchAll(/^#(\d+) (?!DONE|CACHED)\S/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(out).toMatch(/^#(\d+) \[2\/3\] RUN echo built > \/x\n#\1 CACHED$/m);
    expect(out).toMatch(/^#\d+ naming to docker\.io\/library\/bk:2 done$/m);
    expect(out).toMatch(/^#\d+ DONE \d+\.\ds$/m);
  });

  it("shows a failed step's output with its seconds, then the CLI's summary", () => {
    const out = render(testdata("buildkit-failed.jsonl"), 'process "/bin/sh -c …" did not complete successfully: exit code: 3');
    expect(out).toMatch(
      /^#(\d+) \[2\/2\] RUN echo out; echo err >&2; exit 3\n#\1 \d\.\d{3} out\n#\1 \d\.\d{3} err\n#\1 ERROR: .*exit code: 3$/m,
    );
    expect(out).toMatch(/------\n > \[2\/2\] RUN echo out; echo err >&2; exit 3:\n\d\.\d{3} out\n\d\.\d{3} err\n------\n/);
    expect(
      out.endsWith('ERROR: failed to build: failed to solve: process "/bin/sh -c …" did not complete successfully: exit code: 3\n'),
    ).toBe(true);
  });
});

describe("docker build picks the builder a typed docker build would use", () => {
  const context = mkdtempSync(join(tmpdir(), "dtt-buildkit-"));
  writeFileSync(join(context, "Dockerfile"), "FROM alpine\n");
  const line = `docker build -t web ${context}`;
  const buildx = join(context, "docker-buildx");
  writeFileSync(buildx, "");

  /** Runs the build with the CLI's buildx plugin looked for at `buildxPaths` only (this machine may have one). */
  async function build(engine: EngineTransport, buildxPaths: string[]) {
    const interpretation = interpret(line, { vars: {}, cwd: "/work" });
    if (!interpretation.ok) throw new Error(interpretation.problem);
    const intent = { ...(interpretation.intent as BuildIntent), buildxPaths };
    let stdout = "";
    let stderr = "";
    const sink = (add: (text: string) => void) => {
      const stream = new PassThrough();
      stream.on("data", (chunk: Buffer) => add(chunk.toString()));
      return stream;
    };
    const io = { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), cwd: "/work" };
    const code = await interpretation.command.execute(intent, engine, io);
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout, stderr };
  }
  const buildKitCall = "POST /build?dockerfile=Dockerfile&t=web&version=2";
  const classicCall = "POST /build?dockerfile=Dockerfile&forcerm=1&rm=1&t=web&version=1";

  it("BuildKit when the daemon's /_ping says Builder-Version 2: progress on stderr, nothing on stdout", async () => {
    const engine = fakeTransport({
      "GET /_ping": { headers: { "builder-version": "2" } },
      [buildKitCall]: { body: testdata("buildkit-cached.jsonl") },
    });
    const result = await build(engine, []);
    expect(engine.sent).toEqual(["GET /_ping", buildKitCall]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toMatch(/CACHED/);
  });

  it("the classic builder when the daemon says 1 and the CLI has no buildx", async () => {
    const engine = fakeTransport({
      "GET /_ping": { headers: { "builder-version": "1" } },
      [classicCall]: { body: '{"stream":"Successfully built 0123456789ab\\n"}\n' },
    });
    const result = await build(engine, [join(context, "nowhere", "docker-buildx")]);
    expect(engine.sent).toEqual(["GET /_ping", classicCall]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sending build context to Docker daemon/);
  });

  it("BuildKit when the daemon says 1 but the CLI has buildx (a current CLI builds with it then)", async () => {
    const engine = fakeTransport({
      "GET /_ping": { headers: { "builder-version": "1" } },
      [buildKitCall]: { body: testdata("buildkit-cached.jsonl") },
    });
    const result = await build(engine, [join(context, "nowhere", "docker-buildx"), buildx]);
    expect(engine.sent).toEqual(["GET /_ping", buildKitCall]);
    expect(result.code).toBe(0);
  });

  it("a failed BuildKit build exits 1, as buildx does, whatever the step's exit code", async () => {
    const engine = fakeTransport({
      "GET /_ping": { headers: { "builder-version": "2" } },
      [buildKitCall]: { body: testdata("buildkit-failed.jsonl") },
    });
    const result = await build(engine, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\nERROR: failed to build: failed to solve: process .* did not complete successfully: exit code: 3\n$/);
  });
});

describe("where the docker CLI looks for plugins", () => {
  it("DOCKER_CONFIG's cli-plugins first, then the system folders", () => {
    expect(cliPluginDirs({ DOCKER_CONFIG: "/cfg", HOME: "/home/me" }, "linux")).toEqual([
      "/cfg/cli-plugins",
      "/usr/local/lib/docker/cli-plugins",
      "/usr/local/libexec/docker/cli-plugins",
      "/usr/lib/docker/cli-plugins",
      "/usr/libexec/docker/cli-plugins",
    ]);
    expect(cliPluginDirs({ HOME: "/Users/me" }, "darwin")[0]).toBe("/Users/me/.docker/cli-plugins");
  });
});
