// esbuild plugins that fit dockerode's dependency tree into dist/, so the published package installs
// nothing (issue 20): what the tutor never calls is left out, and what it rarely needs loads late.
import { dirname, relative } from "node:path";

const LEFT_OUT = "left-out";
const LATE = "late";
const SPAWN_ON_USE = "spawn-on-use";

/**
 * Node addons ssh2 tries in a try/catch and replaces with JavaScript when they are absent
 * (ssh2 lib/protocol/constants.js and crypto.js): `cpu-features` only picks a cipher order, and
 * `sshcrypto.node` is a faster AES-GCM/ChaCha20. Leaving them out means no compiler on install.
 */
const ABSENT_ADDON = "throw new Error('a native addon docker-tutor leaves out; the JavaScript fallback runs');";

/**
 * dockerode's BuildKit parts, loaded by its own buildImage (a gRPC session for version 2) and
 * followProgress. The tutor calls neither: builds go to POST /build through the interpreter's
 * transport, and BuildKit's progress is decoded by buildkit-status.ts. Leaving them out drops
 * @grpc/grpc-js, @grpc/proto-loader and protobufjs, whose .proto files would not survive bundling.
 */
const UNUSED_DOCKERODE = {
  "./session": "module.exports = function withSession() { throw new Error('dockerode BuildKit sessions are left out of docker-tutor'); };",
  "./buildkit": "module.exports = { followProgress() { throw new Error('dockerode followProgress is left out of docker-tutor'); } };",
};

export const leaveOutUnused = {
  name: "leave-out-unused",
  setup(build) {
    build.onResolve({ filter: /^cpu-features$|\.node$/ }, (args) => ({ path: args.path, namespace: LEFT_OUT }));
    build.onResolve({ filter: /^\.\/(session|buildkit)$/ }, (args) =>
      args.importer.includes("/dockerode/lib/") ? { path: args.path, namespace: LEFT_OUT } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: LEFT_OUT }, (args) => ({
      contents: UNUSED_DOCKERODE[args.path] ?? ABSENT_ADDON,
      loader: "js",
    }));
  },
};

/**
 * docker-modem requires its ssh agent (and with it all of ssh2, which compiles a WebAssembly
 * Poly1305 as it loads) whatever the host. Required at the first ssh:// request instead, it
 * costs nothing to the unix-socket and TCP users that most learners are.
 */
export const sshOnFirstUse = {
  name: "ssh-on-first-use",
  setup(build) {
    build.onResolve({ filter: /^\.\/ssh$/ }, (args) =>
      args.importer.includes("/docker-modem/lib/") ? { path: `${dirname(args.importer)}/ssh.js`, namespace: LATE } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: LATE }, (args) => ({
      contents: "module.exports = function sshAgent(options) { return require('./ssh.js')(options); };",
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * commander requires node:child_process as it loads, for subcommands that are separate executables;
 * the tutor has none. Loading child_process (with net and dgram behind it) costs every start, `list`
 * and `--help` included, so commander gets it at its first use instead, which never comes.
 */
export const commanderSpawnOnUse = {
  name: "commander-spawn-on-use",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("/commander/lib/") ? { path: "child_process", namespace: SPAWN_ON_USE } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: SPAWN_ON_USE }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: "js",
    }));
  },
};

/**
 * CommonJS inside an ESM bundle: esbuild turns `require` of Node's own modules into a helper that
 * needs a real `require`, and ssh2's Poly1305 reads `__dirname`. Each chunk gets its own.
 */
export const COMMONJS_GLOBALS = [
  'import { createRequire as __tutorRequire } from "node:module";',
  'import { dirname as __tutorDirname } from "node:path";',
  'import { fileURLToPath as __tutorPath } from "node:url";',
  "const require = __tutorRequire(import.meta.url);",
  "const __filename = __tutorPath(import.meta.url);",
  "const __dirname = __tutorDirname(__filename);",
].join(" ");

/** A module's path as esbuild's metafile names it: relative to the working directory. */
async function resolvedInput(build, args, mark) {
  const result = await build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: { [mark]: true },
  });
  if (result.errors.length > 0 || result.external || result.namespace !== "file") return undefined;
  return relative(process.cwd(), result.path);
}

/**
 * For dist/cli.js: a module imported late (`await import(…)`) stays out of the core, unless listed
 * in keep, and is loaded from `./chunks/<its path>.js`; entries collects those paths for the build
 * of the chunks.
 */
export function splitOff(entries, keep) {
  return {
    name: "split-off",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== "dynamic-import" || args.pluginData?.splitOff) return undefined;
        const input = await resolvedInput(build, args, "splitOff");
        if (input === undefined || keep.includes(input)) return undefined;
        const name = `chunks/${input
          .replace(/^src\//, "")
          .replace(/\.[cm]?[jt]s$/, "")
          .replaceAll("/", "-")}`;
        entries.set(name, input);
        return { path: `./${name}.js`, external: true };
      });
    },
  };
}

/**
 * For dist/chunks/: a module that is in the core (exports: its names) is not bundled again but
 * taken from dist/cli.js, which exports every core module as `__core[path]`.
 */
export function fromCore(exports) {
  return {
    name: "from-core",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.fromCore || args.kind === "entry-point" || args.namespace === "core") return undefined;
        const input = await resolvedInput(build, args, "fromCore");
        return input !== undefined && exports.has(input) ? { path: input, namespace: "core" } : undefined;
      });
      build.onResolve({ filter: /^\.\.\/cli\.js$/, namespace: "core" }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: "core" }, (args) => {
        const names = exports.get(args.path).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
        const named = names.filter((name) => name !== "default");
        return {
          contents: [
            'import { __core } from "../cli.js";',
            `const m = __core[${JSON.stringify(args.path)}];`,
            named.length > 0 ? `export const { ${named.join(", ")} } = m;` : "",
            names.includes("default") ? "export default m.default;" : "",
          ].join("\n"),
          loader: "js",
        };
      });
    },
  };
}
