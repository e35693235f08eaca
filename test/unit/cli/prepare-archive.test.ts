import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { prepare } from "../../../src/cli/commands/prepare.js";
import { loadArchive } from "../../../src/cli/commands/prepare-load.js";
import { saveArchive } from "../../../src/cli/commands/prepare-save.js";
import type { Session } from "../../../src/cli/session.js";
import type { DockerClient } from "../../../src/docker/client.js";
import type { ImageArchive } from "../../../src/docker/image-archive.js";
import type { LoadAnswer } from "../../../src/docker/load-answer.js";
import type { ImageSummary } from "../../../src/docker/views.js";
import { TutorError } from "../../../src/errors.js";
import { fakeWorld } from "../../helpers/fake-world.js";

/** A session whose stdout is a pipe (no bars: a plain line per image) and keeps what is written. */
function session(env: Record<string, string> = {}) {
  let text = "";
  const write = (chunk: string) => {
    text += chunk;
    return true;
  };
  const out = { isTTY: false, write } as unknown as NodeJS.WriteStream;
  const s = {
    world: fakeWorld({ env }),
    stdout: out,
    stderr: out,
    color: false,
    interactive: false,
    now: () => new Date(0),
    globals: { color: false, verbose: false, yes: false },
  } as unknown as Session;
  return { session: s, output: () => text };
}

/** The daemon as prepare's save and load see it: its images, and an archive of bytes. */
function fakeDaemon(options: { images: ImageSummary[]; saved?: () => Readable; loads?: LoadAnswer; afterLoad?: ImageSummary[] }) {
  let images = options.images;
  const received: Buffer[] = [];
  const archive: ImageArchive = {
    sizeOf: async (ref) => (images.some((i) => i.tags.includes(ref)) ? 2000 : undefined),
    save: async () => (options.saved ?? (() => Readable.from([Buffer.from("layer-one"), Buffer.from("layer-two")])))(),
    load: async (tar) => {
      for await (const chunk of tar) received.push(chunk as Buffer);
      images = options.afterLoad ?? images;
      return options.loads ?? { names: [], ids: [] };
    },
  };
  const client = {
    imageArchive: () => archive,
    listImages: async () => images,
    inspectImage: async (ref: string) => (images.some((i) => i.tags.includes(ref)) ? { id: "x" } : undefined),
  } as unknown as DockerClient;
  return { client, received: () => Buffer.concat(received).toString() };
}

const image = (id: string, ...tags: string[]): ImageSummary => ({ id, tags, created: new Date(0) });
const needed = [
  { image: "hello-world:latest", lessons: [1] },
  { image: "alpine:latest", lessons: [1, 2] },
];

describe("prepare --save", () => {
  it("writes the daemon's archive to the file, a line per image, and says how to load it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-save-"));
    const file = join(dir, "images.tar");
    const { client } = fakeDaemon({ images: [image("sha256:a", "hello-world:latest"), image("sha256:b", "alpine:latest")] });
    const { session: s, output } = session();
    await saveArchive(s, client, file, { needed, lessonRefs: ["1", "2"] });
    expect(readFileSync(file, "utf8")).toBe("layer-onelayer-two");
    expect(readdirSync(dir)).toEqual(["images.tar"]);
    expect(output()).toBe(
      [
        `Saving 2 images to ${file}`,
        "  hello-world:latest 2kB (lesson 1)",
        "  alpine:latest 2kB (lessons 1, 2)",
        `✔ Saved 2 images to ${file} (18B). On each machine without a registry: \`docker-tutor prepare --load ${file} 1 2\``,
        "",
      ].join("\n"),
    );
  });

  it("a save the daemon cuts short leaves no file, not even half of one, and says why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-save-"));
    const file = join(dir, "images.tar");
    writeFileSync(file, "the archive from last week");
    const broken = () => {
      const stream = new PassThrough();
      stream.write("layer-one");
      setImmediate(() => stream.destroy(new Error("content digest sha256:0123 not found")));
      return stream;
    };
    const { client } = fakeDaemon({ images: [], saved: broken });
    const { session: s } = session();
    const failure = await saveArchive(s, client, file, { needed, lessonRefs: [] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TutorError);
    expect((failure as TutorError).message).toBe(
      `Could not save the images to ${file}: the daemon said: content digest sha256:0123 not found.`,
    );
    // the file that was there is untouched, and nothing else is left
    expect(readFileSync(file, "utf8")).toBe("the archive from last week");
    expect(readdirSync(dir)).toEqual(["images.tar"]);
  });

  it("a folder that does not exist is named", async () => {
    const { client } = fakeDaemon({ images: [] });
    const { session: s } = session();
    const file = join(tmpdir(), "dtt-no-such-folder", "images.tar");
    await expect(saveArchive(s, client, file, { needed, lessonRefs: [] })).rejects.toThrow(
      `Could not save the images to ${file}: there is no folder ${join(tmpdir(), "dtt-no-such-folder")}.`,
    );
  });
});

describe("prepare --load", () => {
  const archiveFile = () => {
    const file = join(mkdtempSync(join(tmpdir(), "dtt-load-")), "images.tar");
    writeFileSync(file, "tar bytes");
    return file;
  };

  it("sends the file to the daemon and says what was added and what was already here", async () => {
    const file = archiveFile();
    const daemon = fakeDaemon({
      images: [image("sha256:b", "alpine:latest")],
      loads: { names: ["hello-world:latest", "alpine:latest"], ids: [] },
      afterLoad: [image("sha256:a", "hello-world:latest"), image("sha256:b", "alpine:latest")],
    });
    const { session: s, output } = session();
    await loadArchive(s, daemon.client, file, { needed, allLessons: false });
    expect(daemon.received()).toBe("tar bytes");
    expect(output()).toBe(
      [
        `Loading ${file} (9B)`,
        "✔ hello-world:latest added",
        "✔ alpine:latest was already here",
        `✔ Loaded ${file}: 2 images, 1 added, 1 already here.`,
        "✔ Every image the chosen lessons need is here: they now run without a network.",
        "",
      ].join("\n"),
    );
  });

  it("images the lessons need that the archive lacked: a failure for the lessons named, a note for all lessons", async () => {
    const file = archiveFile();
    const make = () =>
      fakeDaemon({ images: [], loads: { names: ["alpine:latest"], ids: [] }, afterLoad: [image("sha256:b", "alpine:latest")] }).client;
    const named = await loadArchive(session().session, make(), file, { needed, allLessons: false }).catch((e: unknown) => e);
    expect((named as TutorError).message).toBe(
      `${file} lacks images the lessons need, and they are not here: hello-world:latest (lesson 1).`,
    );
    expect((named as TutorError).fix).toBe(
      `Save them where they can be pulled: \`docker-tutor prepare --save ${file} 1\`, then load that archive here.`,
    );

    const { session: s, output } = session();
    await loadArchive(s, make(), file, { needed, allLessons: true });
    expect(output()).toContain(`! Not in ${file}, and not here: hello-world:latest (lesson 1).`);
  });

  it("a file that is not there: one sentence, before the daemon is asked anything", async () => {
    const { session: s } = session();
    const daemon = fakeDaemon({ images: [] });
    await expect(loadArchive(s, daemon.client, "/no/such/images.tar", { needed, allLessons: true })).rejects.toThrow(
      "There is no file /no/such/images.tar.",
    );
    expect(daemon.received()).toBe("");
  });
});

describe("prepare with both", () => {
  it("--save and --load together: a usage error before anything is read or asked", async () => {
    const { session: s } = session();
    const failure = (await prepare(s, [], { save: "a.tar", load: "b.tar" }).catch((e: unknown) => e)) as TutorError;
    expect(failure).toBeInstanceOf(TutorError);
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toBe("--save and --load go to different machines, so prepare takes one of them at a time.");
  });
});
