// esbuild plugins that fit dockerode's dependency tree into dist/, so the published package installs
// nothing (issue 20): what the tutor never calls is left out, and what it rarely needs loads late.
import { dirname } from "node:path";

const LEFT_OUT = "left-out";
const LATE = "late";

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
