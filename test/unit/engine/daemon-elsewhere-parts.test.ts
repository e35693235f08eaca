import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DaemonPlace } from "../../../src/docker/daemon-place.js";
import { bindMountNotice, bindsHostFolder } from "../../../src/engine/bind-mount-steps.js";
import { chooseProbeImage, probeCandidates } from "../../../src/engine/probe-image.js";
import { WorkspaceMirror } from "../../../src/engine/workspace-mirror.js";
import { lessonSchema, type Step } from "../../../src/lessons/schema.js";

const step = (fields: Record<string, unknown>): Step => {
  const lesson = lessonSchema.parse({
    format: 1,
    id: "x",
    number: 1,
    slug: "x",
    title: "t",
    summary: "s",
    minutes: 1,
    steps: [{ id: "s", title: "S", text: "t", checks: [{ kind: "volume", name: "v" }], ...fields }],
  });
  return lesson.steps[0] as Step;
};
const running = (...lines: string[]) => step({ solution: lines.map((run) => ({ run })) });

describe("a step that bind-mounts a folder of the learner's machine, read from its content", () => {
  it.each([
    ['--mount type=bind,source="$(pwd)",target=/usr/share/nginx/html', true],
    ["--mount source=/srv,type=bind,target=/x", true],
    ['-v "$(pwd)":/app', true],
    ["--volume=/etc/app:/etc/app:ro", true],
    ["-v ./site:/usr/share/nginx/html", true],
    ["--mount type=volume,source=data,target=/data", false],
    ["-v tweet_data:/data", false],
    ["--mount type=tmpfs,target=/run", false],
  ])("docker run … %s → %s", (options, binds) => expect(bindsHostFolder(running(`docker run -d ${options} nginx`))).toBe(binds));

  it("a command only shown to type counts, and so does a check expecting a bind mount", () => {
    expect(bindsHostFolder(step({ commands: ["docker run -v $(pwd):/x alpine"] }))).toBe(true);
    expect(
      bindsHostFolder(step({ checks: [{ kind: "container", name: "web", mounts: [{ type: "bind", target: "/usr/share/nginx/html" }] }] })),
    ).toBe(true);
    expect(bindsHostFolder(step({ checks: [{ kind: "container", name: "w", mounts: [{ type: "volume", target: "/data" }] }] }))).toBe(
      false,
    );
  });
});

describe("what the learner is told before such a step", () => {
  const desktop: DaemonPlace = {
    kind: "vm",
    product: "Docker Desktop",
    shared: ["/Users", "/Volumes", "/private", "/tmp", "/var/folders"],
  };

  it("nothing where the daemon sees the folder: this machine, a shared folder, a playground node the tutor copies it into", () => {
    expect(bindMountNotice({ kind: "local" }, "/home/ada/labs")).toBeUndefined();
    expect(bindMountNotice(desktop, "/Users/ada/docker-tutor-labs/bind-mounts")).toBeUndefined();
    expect(bindMountNotice({ kind: "node", playground: "play", node: "node1" }, "/srv/labs")).toBeUndefined();
  });

  it("Docker Desktop and a folder it does not share: which folders it shares, and --workdir", () => {
    expect(bindMountNotice(desktop, "/opt/labs/bind-mounts")).toBe(
      "Docker Desktop shares only /Users, /Volumes, /private, /tmp and /var/folders with its VM, and your lesson folder is /opt/labs/bind-mounts, so Docker would refuse this step's bind mount (\"Mounts denied\"): start the lesson again with --workdir under one of them (or add the folder to Docker Desktop's file sharing).",
    );
    // A folder whose name only starts like a shared one is not inside it.
    expect(bindMountNotice(desktop, "/Users2/labs")).toMatch(/--workdir/);
  });

  it("another machine: why it cannot work, in one sentence with what to do", () => {
    const notice = bindMountNotice({ kind: "remote", host: "ssh://ada@server" }, "/home/ada/labs");
    expect(notice).toMatch(
      /^This step bind-mounts your lesson folder \/home\/ada\/labs, but the daemon runs on another machine \(ssh:\/\/ada@server\)/,
    );
    expect(notice?.match(/\. /g)).toBeNull();
  });
});

describe("the probe's image", () => {
  it("prefers a busybox- or alpine-based image the lesson needs, then busybox and alpine", () => {
    expect(probeCandidates(["nginx:latest", "alpine"])).toEqual(["alpine:latest", "busybox:latest"]);
    expect(probeCandidates(["nginx:alpine", "hello-world"])).toEqual(["nginx:alpine", "busybox:latest", "alpine:latest"]);
  });

  it("one the daemon has; else it pulls busybox; else it says what to do", async () => {
    const pulled: string[] = [];
    const has = (refs: string[], pulls: boolean) => ({
      present: async (ref: string) => refs.includes(ref),
      pull: async (ref: string) => {
        pulled.push(ref);
        return pulls;
      },
    });
    await expect(chooseProbeImage(["nginx"], has(["alpine:latest"], true))).resolves.toEqual({ image: "alpine:latest" });
    await expect(chooseProbeImage(["nginx"], has([], true))).resolves.toEqual({ image: "busybox:latest" });
    expect(pulled).toEqual(["busybox:latest"]);
    await expect(chooseProbeImage([], has([], false))).resolves.toEqual({ problem: expect.stringMatching(/docker pull busybox/) });
  });
});

describe("the lesson folder's copy on a playground node", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("copies when the folder changed since the last copy, and only then", async () => {
    dir = mkdtempSync(join(tmpdir(), "mirror-"));
    writeFileSync(join(dir, "index.html"), "old");
    const copies: string[] = [];
    const mirror = new WorkspaceMirror(dir, async (d) => void copies.push(d));
    await Promise.all([mirror.sync(), mirror.sync()]);
    await mirror.sync();
    expect(copies).toEqual([dir]);
    writeFileSync(join(dir, "index.html"), "New look!");
    utimesSync(join(dir, "index.html"), new Date(), new Date(Date.now() + 5000));
    await mirror.sync();
    expect(copies).toEqual([dir, dir]);
  });
});
