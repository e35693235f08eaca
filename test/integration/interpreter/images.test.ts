import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerodeTransport } from "../../../src/docker/interpreter/dockerode-transport.js";
import { runLine } from "../../../src/docker/interpreter/interpret.js";
import { type DifferentialCase, runBothSides, type Side, tutorDockerode } from "../../helpers/differential.js";
import { mustShell, shell } from "../../helpers/docker-cli.js";
import { requireDaemon } from "../../helpers/engine-api.js";

/**
 * Each case runs once with the docker CLI and once through the interpreter (helpers/differential.ts)
 * and must leave equal objects behind, exit alike and, where `output` is set, print alike. Every name
 * is unique to the side (`{name}`), recorded in `names`, and removed in afterAll; nothing is pruned.
 */
const base = mkdtempSync(join(tmpdir(), "dtt-images-"));
const names = join(base, "names");
const context = (name = "{name}") => join(base, name);
let registry = "";
const registryContainer = `dtt-images-registry-${process.pid}`;

const TEMPLATE: Record<string, string> = {
  Dockerfile:
    'FROM alpine\nCOPY name.txt /name.txt\nWORKDIR /app\nCOPY app/ ./\nRUN echo built > /app/built.txt\nEXPOSE 8080\nCMD ["cat", "/app/hello.txt"]\n',
  "Dockerfile.args":
    'FROM alpine\nCOPY name.txt /\nARG GREETING=hi\nRUN echo "$GREETING" > /greeting.txt\nLABEL team=docs\nENV MODE=test\n',
  "Dockerfile.fail": "FROM alpine\nRUN echo __NAME__ && exit 3\n",
  "Dockerfile.bad": "FROM alpine\nRUNN echo nope\n",
  "Dockerfile.ignore": "FROM alpine\nCOPY . /ctx\nRUN find /ctx -type f | sort\n",
  ".dockerignore": "# not for the image\n*.md\ndocs/\n!docs/keep.md\n!KEEP.md\n",
  "app/hello.txt": "hello\n",
  "README.md": "readme\n",
  "KEEP.md": "kept\n",
  "docs/draft.txt": "draft\n",
  "docs/keep.md": "kept too\n",
  "sub/notes.md": "nested markdown is not matched by *.md\n",
};

/** Every case's setup starts here: record the side's name, copy the template, put the name in it. */
const ownContext = [
  `echo {name} >> ${names}`,
  `cp -r ${context("template")} ${context()} && echo {name} > ${context()}/name.txt && sed -i s/__NAME__/{name}/ ${context()}/Dockerfile.fail`,
];
/** An image of the side's own (a label with its name), so no other test's tags show in its inspect. */
const ownImage = "printf 'FROM alpine\\nLABEL dtt.side={name}\\n' | docker build -q -t {name}-src - >/dev/null";
const ago = /(Less than a second|\d+ seconds?|About a minute|\d+ minutes) ago/g;
const noDeprecationBanner = (text: string) =>
  text.replace(/DEPRECATED: The legacy builder is deprecated[\s\S]*?docs\.docker\.com\/go\/buildx\/\n\n?/, "");

interface Case extends DifferentialCase {
  /** Interpreter-only output, with the reason it differs. */
  readonly interpreterOnly?: { readonly text: RegExp; readonly reason: string };
  /** Network cases: each side's network gets its own subnet, so addresses are compared as <ip>. */
  readonly addresses?: boolean;
  /** The object compared is shared (alpine): keep it. */
  readonly keep?: boolean;
  /** Set when the printed text may differ, with the lines both sides must still print. */
  readonly bothPrint?: readonly RegExp[];
}

type Kind = DifferentialCase["compare"][number]["kind"];
const refs = (kind: Kind, ...names: string[]) => names.map((ref) => ({ kind, ref }));
const image = (...names: string[]) => refs("image", ...names);
const network = (...names: string[]) => refs("network", ...names);
const volume = (...names: string[]) => refs("volume", ...names);
const NETWORK = "docker network create {name} >/dev/null";
const VOLUME = "docker volume create {name} >/dev/null";
const net = { addresses: true };
/**
 * Builds: both sides build with the daemon's BuildKit (the CLI through buildx). Its progress names
 * internal steps by how the context came (buildx: "load build context"; the tutor's upload: "load
 * remote build context") and carries timings, so lines that matter are matched; buildx also adds a
 * provenance attestation, so its image is an index and the tutor's a manifest (same config and layers).
 */
const buildKit = { explained: { Descriptor: "buildx adds a provenance attestation: an image index, not a manifest" } };

/** Every case compares exit codes, the objects in `compare`, and (unless `bothPrint` says otherwise) the printed text. */
const cases: Case[] = [
  { line: "docker pull alpine", compare: image("alpine"), keep: true },
  {
    line: "docker pull REGISTRY/{name}:1",
    setup: [
      ownImage,
      "docker tag {name}-src REGISTRY/{name}:1 && docker push -q REGISTRY/{name}:1 >/dev/null",
      "docker rmi {name}-src REGISTRY/{name}:1 >/dev/null",
    ],
    compare: image("REGISTRY/{name}:1"),
  },
  { line: "docker pull REGISTRY/{name}:nope", compare: image("REGISTRY/{name}:nope") },
  { line: "docker tag {name}-src {name}:v1", setup: [ownImage], compare: image("{name}:v1") },
  { line: "docker image tag {name}-src {name}", setup: [ownImage], compare: image("{name}:latest") },
  { line: "docker tag {name}-nope {name}:x", compare: image("{name}:x") },
  {
    line: `docker build -t {name}:1 ${context()}`,
    compare: image("{name}:1"),
    ...buildKit,
    bothPrint: [
      /^#(\d+) \[5\/5\] RUN echo built > \/app\/built\.txt\n#\1 DONE \d+\.\ds$/m,
      /^#\d+ naming to docker\.io\/library\/\{name\}:1( \d+\.\ds)? done$/m,
    ],
  },
  {
    line: `docker image build -f ${context()}/Dockerfile.args --build-arg GREETING=hello -t {name}:a --tag {name}:b ${context()}`,
    compare: image("{name}:a", "{name}:b"),
    ...buildKit,
    bothPrint: [
      /^#\d+ \[3\/3\] RUN echo "hello" > \/greeting\.txt$/m,
      /^#\d+ naming to docker\.io\/library\/\{name\}:b( \d+\.\ds)? done$/m,
    ],
  },
  {
    line: `docker build -t {name}:again ${context()}`,
    setup: [`docker build -q -t {name}:first ${context()} >/dev/null`],
    compare: image("{name}:again"),
    ...buildKit,
    // the tutor's build reuses the steps of one typed with the CLI, and the CLI's those of the tutor's
    bothPrint: [/^#(\d+) \[5\/5\] RUN echo built > \/app\/built\.txt\n#\1 CACHED$/m, /^#(\d+) \[4\/5\] COPY app\/ \.\/\n#\1 CACHED$/m],
  },
  {
    line: `docker build -f ${context()}/Dockerfile.ignore -t {name}:ignore ${context()}`,
    compare: image("{name}:ignore"),
    ...buildKit,
    bothPrint: ["KEEP.md", "docs/keep.md", "sub/notes.md", "app/hello.txt", "Dockerfile"].map(
      (file) => new RegExp(`^#\\d+ \\d+\\.\\d{3} /ctx/${file.replace(".", "\\.")}$`, "m"),
    ),
  },
  {
    line: `docker build -f ${context()}/Dockerfile.fail -t {name}:fail ${context()}`,
    compare: image("{name}:fail"),
    ...buildKit,
    bothPrint: [/^ERROR: failed to build: failed to solve: process "\/bin\/sh -c .*" did not complete successfully: exit code: \d+$/m],
  },
  {
    line: `docker build -f ${context()}/Dockerfile.bad ${context()}`,
    compare: [],
    ...buildKit,
    bothPrint: [/^ERROR: failed to build: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN/m],
  },
  {
    line: `docker build -f ${context()}/Nope.Dockerfile ${context()}`,
    compare: [],
    ...buildKit,
    bothPrint: [/^ERROR: failed to build: failed to solve: failed to read dockerfile: open Nope\.Dockerfile: no such file or directory$/m],
  },
  { line: `docker build ${context()}/nowhere`, compare: [] },
  { line: "docker history {name}-src", setup: [ownImage], compare: image("{name}-src") },
  { line: "docker image history -q {name}:1", setup: [`docker build -q -t {name}:1 ${context()} >/dev/null`], compare: image("{name}:1") },
  { line: 'docker image inspect --format "{{ json .RootFS.Layers }}" {name}-src', setup: [ownImage], compare: image("{name}-src") },
  { line: "docker image inspect -f '{{.Config.Cmd}} {{.Os}} {{json .Config.Labels}}' {name}-src", setup: [ownImage], compare: [] },
  { line: "docker image inspect {name}-src {name}-nope", setup: [ownImage], compare: image("{name}-src") },
  { line: "docker image inspect --format '{{.Nope}}' {name}-src", setup: [ownImage], compare: image("{name}-src") },
  {
    line: "docker images --filter 'reference={name}:*'",
    setup: [ownImage, "docker tag {name}-src {name}:1 && docker tag {name}-src {name}:2"],
    compare: image("{name}:1", "{name}:2", "{name}-src"),
  },
  { line: "docker images -q {name}-src", setup: [ownImage], compare: image("{name}-src") },
  { line: "docker rmi {name}:v1", setup: [ownImage, "docker tag {name}-src {name}:v1"], compare: image("{name}:v1", "{name}-src") },
  {
    line: "docker image rm {name}-src",
    setup: [ownImage, "docker create -q --name {name} {name}-src >/dev/null"],
    compare: image("{name}-src"),
  },
  { line: "docker rmi -f {name}-nope", compare: [] },
  {
    line: "docker push REGISTRY/{name}:1",
    setup: [ownImage, "docker tag {name}-src REGISTRY/{name}:1"],
    compare: image("REGISTRY/{name}:1"),
    // a layer the registry already holds is "Mounted from" whichever repository pushed it first
    bothPrint: [
      /^The push refers to repository \[127\.0\.0\.1:\d+\/\{name\}\]$/m,
      // the classic image store says Preparing for each layer; the containerd store only Pushed
      /^<short-id>: (Preparing|Pushed)$/m,
      /^1: digest: sha256:<id> size: \d+$/m,
    ],
  },
  { line: "docker image push REGISTRY/{name}:missing", compare: [] },
  { line: "docker network create {name}", compare: network("{name}"), ...net },
  {
    line: "docker network create -d bridge --attachable --subnet 10.231.7.0/24 --label dtt.case=subnet {name}",
    // both sides ask for the same subnet: the CLI side's network must go before the interpreter's is made
    setup: ["docker network rm $(docker network ls -q --filter label=dtt.case=subnet) >/dev/null 2>&1; true"],
    compare: network("{name}"),
  },
  { line: "docker network create -d overlay --attachable {name}", compare: network("{name}"), ...net },
  { line: "docker network create {name}", setup: [NETWORK], compare: network("{name}"), ...net },
  { line: "docker network ls --filter name={name}", setup: [NETWORK], compare: network("{name}"), ...net },
  {
    line: "docker network inspect {name}",
    setup: ["docker network create --label a=b {name} >/dev/null"],
    compare: network("{name}"),
    ...net,
  },
  {
    line: "docker network inspect -f '{{.Name}} {{.Driver}} {{.Scope}} {{json .Labels}}' {name} {name}-nope",
    setup: [NETWORK],
    compare: [],
  },
  {
    line: "docker network connect --alias web {name} {name}",
    setup: [NETWORK, "docker run -d -q --name {name} alpine sleep 300 >/dev/null"],
    compare: [...network("{name}"), ...refs("container", "{name}")],
    ...net,
  },
  {
    line: "docker network disconnect {name} {name}",
    setup: [NETWORK, "docker run -d -q --name {name} --network {name} alpine sleep 300 >/dev/null"],
    compare: network("{name}"),
    ...net,
  },
  { line: "docker network disconnect {name} {name}", setup: [NETWORK, "docker create -q --name {name} alpine >/dev/null"], compare: [] },
  { line: "docker network rm {name}", setup: [NETWORK], compare: network("{name}") },
  { line: "docker network rm {name}-nope", compare: [] },
  { line: "docker volume create {name}", compare: volume("{name}") },
  { line: "docker volume create --label team=a -o type=tmpfs -o device=tmpfs {name}", compare: volume("{name}") },
  { line: "docker volume ls --filter name={name}", setup: [VOLUME], compare: volume("{name}") },
  { line: "docker volume inspect {name} {name}-nope", setup: [VOLUME], compare: volume("{name}") },
  { line: "docker volume inspect --format '{{.Name}} {{.Driver}} {{.Scope}}' {name}", setup: [VOLUME], compare: [] },
  { line: "docker volume rm {name}", setup: [VOLUME], compare: volume("{name}") },
  {
    line: "docker volume rm {name}",
    setup: [VOLUME, "docker create -q --name {name} -v {name}:/data alpine >/dev/null"],
    compare: volume("{name}"),
  },
];

const withRegistry = (text: string) => text.replaceAll("REGISTRY", registry);
/**
 * helpers/docker-cli.ts ends the child's stdin right after spawning it, and a command that exits
 * before that write (an `echo`) makes the write fail with an uncaught EPIPE; reading stdin first avoids it.
 */
const waitingForStdin = (line: string) => `cat >/dev/null; ${line}`;
const run = (line: string) => shell(waitingForStdin(line));
const mustRun = (line: string) => mustShell(waitingForStdin(line));
const fill = (c: Case): Case => ({
  ...c,
  line: withRegistry(c.line),
  setup: [...ownContext, ...(c.setup ?? []).map(withRegistry)].map(waitingForStdin),
  compare: c.compare.map((target) => ({ ...target, ref: withRegistry(target.ref) })),
});

/** What may legitimately differ in printed text: ages, times, column widths that follow them, the CLI's banner. */
function comparable(text: string, c: Case): string {
  let out = noDeprecationBanner(text)
    // dockerd sends this progress line or not depending on how fast the layer arrived: timing, not behaviour
    .replace(/^.*: Verifying Checksum\n/gm, "")
    .replace(ago, "<ago>")
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")
    .replace(/(file|dir):[0-9a-f]{6,}…?/g, "$1:<hash>")
    .replace(/dtt-(cli|int)-/g, "dtt-side-") // a name cut short in a table keeps only its side's prefix
    .replace(/ {2,}/g, "  ");
  if (c.addresses) out = out.replace(/\b\d+\.\d+\.\d+\.\d+(\/\d+)?/g, "<ip>");
  return out;
}

const addressesOf = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/\b\d+\.\d+\.\d+\.\d+(\/\d+)?/g, "<ip>"));

const answers = (url: string): Promise<boolean> =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );

async function registryAnswers(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the registry at ${url} never answered`);
}

beforeAll(async () => {
  await requireDaemon();
  for (const [file, text] of Object.entries(TEMPLATE)) {
    mkdirSync(dirname(join(context("template"), file)), { recursive: true });
    writeFileSync(join(context("template"), file), text);
  }
  await mustRun(`docker run -d -q --name ${registryContainer} -p 127.0.0.1::5000 registry:2`);
  registry = (await mustRun(`docker port ${registryContainer} 5000/tcp`)).trim().split("\n")[0] ?? "";
  await registryAnswers(`http://${registry}/v2/`);
}, 120_000);

afterAll(async () => {
  await run(`docker rm -f -v ${registryContainer}`);
  // one listing per kind for every side's name (the names file, one a line): a call per name was too slow on a busy machine
  await run(
    `docker ps -a --no-trunc --format '{{.ID}} {{.Names}} {{.Command}}' | grep -F -f ${names} | cut -d' ' -f1 | xargs -r docker rm -f -v`,
  );
  await run(`docker images --format '{{.Repository}}:{{.Tag}}' | grep -F -f ${names} | xargs -r docker rmi -f`);
  await run(`docker network ls --format '{{.Name}}' | grep -F -f ${names} | xargs -r docker network rm`);
  await run(`docker volume ls --format '{{.Name}}' | grep -F -f ${names} | xargs -r docker volume rm`);
  rmSync(base, { recursive: true, force: true });
}, 120_000);

describe("the interpreter against the docker CLI: images, networks, volumes", () => {
  it.each(cases)("$line", async (raw) => {
    const c = fill(raw);
    const { cli, interpreter, cleanup } = await runBothSides(c);
    try {
      expect(interpreter.exitCode).toBe(cli.exitCode);
      const inspected = (side: Side) => (c.addresses ? addressesOf(side.inspected) : side.inspected);
      expect(inspected(interpreter)).toEqual(inspected(cli));
      for (const line of c.bothPrint ?? [])
        expect([cli.output, interpreter.output]).toEqual([expect.stringMatching(line), expect.stringMatching(line)]);
      if (c.bothPrint === undefined) {
        const ours = c.interpreterOnly ? interpreter.output.replace(c.interpreterOnly.text, "") : interpreter.output;
        expect(comparable(ours, c)).toBe(comparable(cli.output, c));
      }
    } finally {
      if (!c.keep) await cleanup();
    }
  });

  it("sends the context byte-compatible with the CLI: a CLI build's cache serves the interpreter's build", async () => {
    const shared = context(`dtt-shared-${process.pid}`);
    await mustRun(`cp -r ${context("template")} ${shared} && echo ${process.pid}-${Date.now()} > ${shared}/name.txt`);
    const tag = `dtt-images-cache-${process.pid}`;
    await run(`echo ${tag} >> ${names}`);
    await mustRun(`docker build -q -t ${tag}:cli ${shared}`);
    const docker = await tutorDockerode();
    let output = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    const io = { stdout: sink, stderr: sink, cwd: base };
    expect(await runLine(`docker build -t ${tag}:int ${shared}`, { vars: {}, cwd: base }, dockerodeTransport(docker), io)).toBe(0);
    // every step after FROM: both COPYs (the context's files hash alike), WORKDIR and RUN
    expect(output.match(/^#\d+ CACHED$/gm)?.length, output).toBeGreaterThanOrEqual(4);
    const layers = async (ref: string) => (await docker.getImage(ref).inspect()).RootFS.Layers;
    expect(await layers(`${tag}:int`)).toEqual(await layers(`${tag}:cli`));
  });
});
