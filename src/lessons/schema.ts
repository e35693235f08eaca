/**
 * The lesson format: the one definition of what a lesson file (`lessons/NN-slug.yaml`) may say.
 * Every field is documented here; `docker-tutor validate` reports anything else with its
 * file:line:col. Strings may use lesson variables as `${{ name }}` (see `variables`).
 */
import { z } from "zod";

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes, e.g. run-hello-world")
  .describe("A stable id: progress is stored under it, so never change it once published.");
const text = z.string().trim().min(1, "must not be empty");
/** Ports and counts may come from variables, so they arrive as strings and are read as numbers. */
const count = z.coerce.number().int().min(0);
const port = z.coerce.number().int().min(1).max(65535);

// ---------------------------------------------------------------------------------------------
/** A check of one playground node's daemon (`node: node1`) instead of the tutor's own. */
const onNode = { node: z.string().min(1).optional() };

// Checks: each proves one piece of daemon state. The kinds are the registry in src/checks/.

/** Which container(s) a container check looks at. */
const containerMatch = {
  /** The container's name, e.g. `web`. */
  name: z.string().min(1).optional(),
  /** The image it was created from, as typed (`alpine`, `nginx:alpine`). */
  image: z.string().min(1).optional(),
  /** Its command must equal this, words joined by spaces (`echo hello from alpine`). */
  command: z.string().optional(),
  /** Only containers created after the step (or, with `since: lesson`, the lesson) began; default: true when matching by image. */
  createdDuringLesson: z.boolean().optional(),
  /**
   * Whose start a new container must follow: `step` (the default), when the step was first shown,
   * so that a container from an earlier try never counts; or `lesson`, for a container an earlier
   * step made that this step comes back to.
   */
  since: z.enum(["step", "lesson"]).optional(),
  /** A task container of this swarm service (`myservice`), running ones first. */
  service: z.string().min(1).optional(),
};

const containerCheck = z.strictObject({
  kind: z.literal("container"),
  ...onNode,
  ...containerMatch,
  /** `running`, `exited`, `created`, … as `docker container ls -a` shows it. */
  state: z.enum(["created", "running", "restarting", "exited", "paused", "dead"]).optional(),
  exitCode: count.optional(),
  /** Was it started with a terminal (`-t`) and an open stdin (`-i`)? */
  tty: z.boolean().optional(),
  interactive: z.boolean().optional(),
  /** Published ports: container port (`80` or `80/tcp`) → host port. */
  ports: z.array(z.strictObject({ container: z.string(), host: port })).optional(),
  /**
   * Mounts: type, target in the container, and optionally the source (a host path, or its end such
   * as `site`, or a volume name) and whether it is read-only (`true`) or writable (`false`).
   */
  mounts: z
    .array(
      z.strictObject({
        type: z.enum(["bind", "volume", "tmpfs"]),
        target: z.string(),
        source: z.string().optional(),
        readOnly: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Networks it is attached to, by name. */
  networks: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  /** Its output (stdout and stderr) contains this text. */
  logsContain: z.string().optional(),
  /** Its output does not contain this text. */
  logsLack: z.string().optional(),
  /** A file added or changed in its filesystem, as `docker container diff` shows it. */
  fileChanged: z.string().optional(),
  /** How many matching containers must exist (default: at least 1). */
  atLeast: count.optional(),
});

const imageCheck = z.strictObject({
  kind: z.literal("image"),
  ...onNode,
  /** The tag that must exist locally, e.g. `alpine` or `hello:v0.1`. */
  ref: z.string().min(1),
  /** The image it was built from shares all of this image's layers (`FROM alpine`). */
  basedOn: z.string().optional(),
  /** At least this many layers are shared with another image (the build cache at work). */
  sharesLayers: z.strictObject({ with: z.string(), atLeast: count }).optional(),
  /** At least one layer differs from that image. */
  differsFrom: z.string().optional(),
  cmd: z.string().optional(),
  workingDir: z.string().optional(),
  exposedPorts: z.array(z.string()).optional(),
  /** A line of `docker image history` contains this text. */
  historyContains: z.string().optional(),
});

const networkCheck = z.strictObject({
  kind: z.literal("network"),
  ...onNode,
  name: z.string().min(1),
  driver: z.string().optional(),
  scope: z.enum(["local", "swarm", "global"]).optional(),
  attachable: z.boolean().optional(),
  /** Containers (by name) attached to it. */
  containers: z.array(z.string()).optional(),
  /** Containers (by name) that must not be attached. */
  notContainers: z.array(z.string()).optional(),
  /** From container `from`, the name `to` resolves (Docker's embedded DNS). */
  resolves: z.strictObject({ from: z.string(), to: z.string() }).optional(),
  /** Container `from` reaches container `to` by its address on this network (`ping` from inside `from`). */
  reaches: z.strictObject({ from: z.string(), to: z.string() }).optional(),
  /** `false` proves it is gone. */
  exists: z.boolean().default(true),
});

const volumeCheck = z.strictObject({
  kind: z.literal("volume"),
  ...onNode,
  name: z.string().min(1),
  driver: z.string().optional(),
  /** A file inside the volume contains this text (read through a short-lived container). */
  file: z.strictObject({ path: z.string(), contains: z.string() }).optional(),
});

const swarmCheck = z.strictObject({
  kind: z.literal("swarm"),
  ...onNode,
  active: z.boolean().default(true),
  role: z.enum(["manager", "worker"]).optional(),
  managers: count.optional(),
  nodes: count.optional(),
  /** Nodes by hostname, each with the availability it must have: `{ node2: drain }` (asked of a manager). */
  availability: z.record(z.string(), z.enum(["active", "pause", "drain"])).optional(),
});

const serviceCheck = z.strictObject({
  kind: z.literal("service"),
  ...onNode,
  name: z.string().min(1),
  image: z.string().optional(),
  /** Tasks in the running state. */
  replicasRunning: count.optional(),
  mode: z.enum(["replicated", "global"]).optional(),
  networks: z.array(z.string()).optional(),
  ports: z.array(z.strictObject({ target: port, published: port, mode: z.enum(["ingress", "host"]).optional() })).optional(),
  /** The nodes (hostnames) its running tasks are on, each at least once and no others: `[node1, node2]`. */
  onNodes: z.array(z.string()).optional(),
  /** `false` proves it is gone. */
  exists: z.boolean().default(true),
});

const stackCheck = z.strictObject({
  kind: z.literal("stack"),
  ...onNode,
  name: z.string().min(1),
  /** Service names without the stack prefix. */
  services: z.array(z.string()).optional(),
  exists: z.boolean().default(true),
});

const httpCheck = z.strictObject({
  kind: z.literal("http"),
  /** Asked from the tutor's side, e.g. `http://localhost:${{ port }}/`. */
  url: z.string().url(),
  status: count.default(200),
  bodyContains: z.string().optional(),
  bodyLacks: z.string().optional(),
});

const execCheck = z.strictObject({
  kind: z.literal("exec"),
  ...onNode,
  ...containerMatch,
  /** The command, as words: `[ls, /hello.txt]`. */
  run: z.array(z.string()).min(1),
  exitCode: count.default(0),
  outputContains: z.string().optional(),
});

/** Fields an action check reads only for execs. */
const EXEC_ONLY = ["program", "argument", "addressOf", "exitCode"] as const;

const actionCheck = z
  .strictObject({
    kind: z.literal("action"),
    /**
     * What the learner did during the step, as the daemon's events tell it: `exec` (a command run in
     * the container with `docker container exec`), `start`, `stop`, `restart`, or `connect` and
     * `disconnect` (plugging it into or out of `network`). The tutor's own probes never count, nor
     * anything done before the step began.
     */
    action: z.enum(["exec", "start", "stop", "restart", "connect", "disconnect"]),
    /** The container it was done to (`since` defaults to the step: say `since: lesson` for one an earlier step made). */
    ...containerMatch,
    /** exec: the program it ran, its first word (`/bin/ls` counts as `ls`). */
    program: z.string().min(1).optional(),
    /** exec: one of the program's arguments is this word (`app`, a name to ping). */
    argument: z.string().min(1).optional(),
    /** exec: one of the program's arguments is this container's address on one of its networks (a ping by address). */
    addressOf: z.string().min(1).optional(),
    /** exec: it ended with this exit code (a ping that was answered exits with 0). */
    exitCode: count.optional(),
    /** connect, disconnect: the network, by name. */
    network: z.string().min(1).optional(),
  })
  .refine((c) => c.action === "exec" || EXEC_ONLY.every((field) => c[field] === undefined), {
    message: `${EXEC_ONLY.join(", ")} are for action: exec`,
  })
  .refine((c) => c.network === undefined || c.action === "connect" || c.action === "disconnect", {
    message: "network is for action: connect or disconnect",
    path: ["network"],
  });

const playgroundCheck = z.strictObject({
  kind: z.literal("playground"),
  /** At least this many nodes of the lesson's playground are running, their daemons answering. */
  nodes: count,
});

const registryCheck = z.strictObject({
  kind: z.literal("registry"),
  /** The registry's address as the tutor reaches it, e.g. `localhost:5000`. */
  registry: z.string().min(1),
  repository: z.string().min(1),
  tag: z.string().default("latest"),
});

export const checkSchema = z.discriminatedUnion("kind", [
  containerCheck,
  imageCheck,
  networkCheck,
  volumeCheck,
  swarmCheck,
  serviceCheck,
  stackCheck,
  httpCheck,
  execCheck,
  registryCheck,
  playgroundCheck,
  actionCheck,
]);
export type CheckSpec = z.infer<typeof checkSchema>;
export type CheckKind = CheckSpec["kind"];
export type CheckOf<K extends CheckKind> = Extract<CheckSpec, { kind: K }>;
export const CHECK_KINDS: readonly CheckKind[] = checkSchema.options.map((o) => o.shape.kind.value);

// ---------------------------------------------------------------------------------------------
// Solutions: what `solve`, `test` and "show me" do for a step, in the order given.

const solutionAction = z.union([
  z.strictObject({
    /** A docker command exactly as a learner types it. */
    run: z
      .string()
      .regex(
        /^docker\s/,
        "run: is a docker command (`docker …`); files are made with write: or copy:, anything else is a shell: action (lesson packs only, with --trust-pack)",
      ),
    /** Text sent to the command's stdin (for `-i` commands), e.g. "echo hi > hello.txt\nexit\n". */
    stdin: z.string().optional(),
    /** Run on a playground node's daemon (`node1`), as in `docker-tutor env shell node1`. */
    node: z.string().min(1).optional(),
    /**
     * Keep the command's output (trimmed) as a shell variable for the step's later commands: `capture:
     * TOKEN`, then `--token $TOKEN`. `$NODE1_ADDR`… hold the nodes' addresses, `$NODE_ADDR` the one it runs on.
     */
    capture: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .optional(),
  }),
  z.strictObject({
    /** Write a file in the learner's workspace (paths are relative to it). */
    write: z.strictObject({ path: z.string(), content: z.string() }),
  }),
  z.strictObject({
    /** Copy a file within the learner's workspace, as `cp from to` would. */
    copy: z.strictObject({ from: z.string(), to: z.string() }),
  }),
  z.strictObject({
    /**
     * A host shell command (`sh -c`, in the workspace). Built-in lessons never have one; a lesson
     * pack may, and then loads only when the learner trusts it with --trust-pack.
     */
    shell: z.string().min(1),
  }),
]);
export type SolutionAction = z.infer<typeof solutionAction>;

/** A list of solution actions, run in order: a step's other ways to do it, and its near misses. */
const actions = z.array(solutionAction).min(1, "give at least one action");

/**
 * A near miss a challenge's checks must refuse: what a learner might plausibly do instead, and
 * what the failing checks must say about it. `docker-tutor test` runs it from the state the step
 * began in and fails when the checks pass, or when no failing check names the difference.
 */
const wrongAttempt = z.strictObject({
  /** What it does differently, in a few words (`mounts the folder writable`): named in test's output. */
  title: text,
  actions,
  /**
   * Words a failing check must say, in what it expected or what it found (case does not count):
   * `read-only`, or a list when each must be named. This proves the learner is told the difference.
   */
  fails: z.union([text, z.array(text).min(1)]),
});
export type WrongAttempt = z.infer<typeof wrongAttempt>;

// ---------------------------------------------------------------------------------------------
// Quizzes.

const liveAnswer = z
  .strictObject({
    /** Computed from the daemon when the question is asked. */
    query: z.enum(["image-layer-count", "shared-layer-count", "last-container-image", "container-count", "network-subnet"]),
    image: z.string().optional(),
    /** For network-subnet: the network whose subnet is the answer (`bridge`). */
    network: z.string().optional(),
    with: z.string().optional(),
  })
  .refine((a) => !["image-layer-count", "shared-layer-count"].includes(a.query) || a.image !== undefined, {
    message: "this query needs `image`",
    path: ["image"],
  })
  .refine((a) => a.query !== "shared-layer-count" || a.with !== undefined, { message: "shared-layer-count needs `with`", path: ["with"] })
  .refine((a) => a.query !== "network-subnet" || a.network !== undefined, { message: "network-subnet needs `network`", path: ["network"] });

const quiz = z
  .strictObject({
    type: z.enum(["select", "input"]),
    question: text,
    /** For `select`: the options shown. */
    choices: z.array(text).optional(),
    /** The right answer (a choice, or the text to type); or several accepted ones. */
    answer: z.union([text, z.array(text).min(1)]).optional(),
    answerFrom: liveAnswer.optional(),
    /** Shown after the answer, right or wrong: the why. */
    explanation: text,
  })
  .refine((q) => (q.answer === undefined) !== (q.answerFrom === undefined), "give exactly one of answer and answerFrom")
  .refine((q) => q.type !== "select" || (q.choices?.length ?? 0) >= 2, "a select quiz needs at least two choices");
export type Quiz = z.infer<typeof quiz>;

// ---------------------------------------------------------------------------------------------
// Steps and lessons.

const step = z
  .strictObject({
    id,
    title: text,
    /**
     * `task` steps are proven by checks on the daemon; `quiz` steps ask a question. A `challenge` is a
     * task whose commands are not shown: its text gives the goal, its hints lead to the commands.
     */
    kind: z.enum(["task", "quiz", "challenge"]).default("task"),
    /** What to read, in Markdown. */
    text,
    /** The commands shown to type, in order (a challenge keeps them for course tooling, never shown). */
    commands: z.array(text).default([]),
    /** Progressive hints: first what is wrong, then how to fix it. No empty ones. */
    hints: z.array(text).default([]),
    solution: z.array(solutionAction).default([]),
    /** A challenge's other correct solutions, each a list of actions like `solution:`, different from it: each must pass the checks. */
    alternatives: z.array(actions).default([]),
    /** A challenge's known near misses: each must fail the checks, with the difference named. */
    wrongAttempts: z.array(wrongAttempt).default([]),
    checks: z.array(checkSchema).default([]),
    quiz: quiz.optional(),
    /**
     * The step may already be true when it starts on a learner's machine (alpine already pulled, a
     * swarm already active): `docker-tutor test` accepts checks that pass before the solution.
     */
    mayPassOnArrival: z.boolean().default(false),
    /**
     * What the step is worth in a course's grade (`check --classroom50`); 1 when absent. A task step
     * only: quizzes never count toward a score.
     */
    points: z.number().min(0).optional(),
  })
  .refine((s) => s.kind === "quiz" || s.checks.length > 0, { message: "a task step needs at least one check", path: ["checks"] })
  .refine((s) => s.kind !== "quiz" || s.quiz !== undefined, { message: "a quiz step needs a quiz", path: ["quiz"] })
  .refine((s) => s.kind !== "quiz" || s.points === undefined, {
    message: "points count on task steps only: a quiz never counts toward a score",
    path: ["points"],
  })
  .refine((s) => s.kind !== "challenge" || s.solution.length > 0, {
    message: "a challenge needs a solution (solve, show me and test run it)",
    path: ["solution"],
  })
  .refine((s) => s.kind !== "challenge" || s.hints.length > 0, {
    message: "a challenge shows no commands: give hints that lead to them",
    path: ["hints"],
  })
  .refine((s) => s.kind === "challenge" || s.alternatives.length === 0, {
    message: "alternatives are for challenge steps (kind: challenge)",
    path: ["alternatives"],
  })
  .refine((s) => s.kind === "challenge" || s.wrongAttempts.length === 0, {
    message: "wrongAttempts are for challenge steps (kind: challenge)",
    path: ["wrongAttempts"],
  });
export type Step = z.infer<typeof step>;

/** Task and challenge steps are proven by checks; quizzes are not. */
export const isChecked = (step: Pick<Step, "kind">): boolean => step.kind !== "quiz";

const variable = z.strictObject({
  default: z.union([z.string(), z.number()]).transform(String),
  description: text,
  /**
   * What `docker-tutor test` does with it to run apart from anything else on the daemon: a `name`
   * gets a unique suffix, a `port` a free port, `text` stays. Inferred when absent: a number is a
   * port, a value with a space or an IP address is text, anything else a name.
   */
  kind: z.enum(["name", "port", "text"]).optional(),
});

/** What reset may remove: learner-made things count only if declared here and made after the lesson began. */
const resources = z.strictObject({
  /** Containers by name, or by image (unnamed containers made from it during the lesson). */
  containers: z.array(z.union([z.strictObject({ name: z.string() }), z.strictObject({ image: z.string() })])).default([]),
  images: z.array(z.string()).default([]),
  networks: z.array(z.string()).default([]),
  volumes: z.array(z.string()).default([]),
  services: z.array(z.string()).default([]),
});

export const lessonSchema = z.strictObject({
  /** The format version of this file. */
  format: z.literal(1),
  id,
  /** Its place in the course: `docker-tutor lesson 3`. */
  number: z.number().int().min(1),
  slug: id,
  title: text,
  summary: text,
  /** How long it takes, roughly. */
  minutes: z.number().int().min(1),
  /** Names the lesson uses, overridable with `--var NAME=VALUE`; referenced as `${{ NAME }}`. */
  variables: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), variable).default({}),
  /** Files and folders from the lesson's asset folder (`lessons/NN-slug/`) copied into the learner's workspace. */
  assets: z.array(z.string().min(1)).default([]),
  requires: z
    .strictObject({
      images: z.array(z.string()).default([]),
      /** Host ports the lesson publishes. */
      ports: z.array(port).default([]),
      swarm: z.boolean().default(false),
      /** Steps run on a multi-node playground of this many nodes (`docker-tutor env up --nodes N`). */
      nodes: z.number().int().min(1).max(5).optional(),
      /** The playground's name (`env up --name`); a variable, so that test runs get their own. */
      playground: z.string().min(1).default("play"),
    })
    .default({ images: [], ports: [], swarm: false, playground: "play" }),
  resources: resources.default({ containers: [], images: [], networks: [], volumes: [], services: [] }),
  steps: z.array(step).min(1),
});
export type Lesson = z.infer<typeof lessonSchema>;
