/**
 * What lessons 2 and 3 say a learner sees in a build's output and in `docker image history`, for
 * the builder that actually ran (BuildKit, or the classic builder of an old engine or
 * DOCKER_BUILDKIT=0), and what a few other steps say a command prints. Used by
 * typed-commands.test.ts on the real docker CLI's output.
 */

/** Which builder printed this output, from its own words. */
const builderOf = (output: string): "buildkit" | "classic" => (/^Step 1\/\d+ : FROM/m.test(output) ? "classic" : "buildkit");

/**
 * What the lesson text says the learner sees in this command's output, for the builder that ran:
 * the statements that do not hold (none when all do).
 */
export function outputProblems(lesson: number, step: string, command: string, output: string): string[] {
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const shows = (...parts: string[]) => {
    for (const part of parts) want(output.includes(part), `shows \`${part}\``);
  };
  const build = /^docker image build\s/.test(command);
  const buildkit = build && builderOf(output) === "buildkit";
  const cached = cachedSteps(output);
  if (lesson === 2 && step === "build-v01" && build) {
    if (buildkit) shows("[1/4] FROM", "[2/4] RUN mkdir", "[3/4] WORKDIR /app", "[4/4] COPY hello.sh .");
    else want(/Step 6\/6 : CMD/.test(output), "counts Step 1/6 to Step 6/6");
  }
  if (lesson === 2 && step === "build-v02" && build) {
    // Whether COPY runs depends on the daemon's history too: a builder that built this very
    // hello.sh before (an earlier run of the lesson) takes it from its cache, as the text says.
    if (buildkit) {
      for (const s of ["[2/4] RUN", "[3/4] WORKDIR"]) want(cached.includes(s), `marks ${s} CACHED`);
      shows("[4/4] COPY hello.sh .");
    } else {
      want(/Step 2\/6 : RUN[^\n]*\n ---> Using cache/.test(output), "says Using cache under step 2");
      want(/Step 3\/6 : WORKDIR[^\n]*\n ---> Using cache/.test(output), "says Using cache under step 3");
    }
  }
  if (lesson === 2 && step === "run-v01" && command.startsWith("docker image history")) {
    // BuildKit: an ID in the top row only; the rows below say <missing>. Classic: IDs for own steps.
    const rows = output.trim().split("\n").slice(1);
    want(!rows[0]?.startsWith("<missing>"), "has an image ID in the top row");
    const missing = rows.slice(1).filter((r) => r.startsWith("<missing>")).length;
    if (/buildkit/.test(output)) want(missing === rows.length - 1, "says <missing> in every row but the top one");
    else want(missing < rows.length - 1, "has IDs below the top row (classic builder)");
  }
  if (lesson === 3 && step === "build-v1" && build) {
    if (buildkit) shows("[1/3] FROM", "[2/3] COPY index.html", "[3/3] COPY linux.svg");
    else want(/Step 5\/5 : CMD/.test(output), "counts Step 1/5 to Step 5/5");
  }
  if (lesson === 3 && step === "build-v2" && build) {
    // As in lesson 2, `[2/3] COPY index.html` is CACHED only where this page was built before.
    if (buildkit) shows("[1/3] FROM", "[2/3] COPY index.html", "[3/3] COPY linux.svg");
    else want(/Step 2\/5 : COPY index.html/.test(output), "counts Step 2/5 COPY index.html");
  }
  problems.push(...newStepProblems(lesson, step, command, output));
  return problems;
}

/** What the steps added for issue 15 say a learner sees (lessons 1 and 3). */
function newStepProblems(lesson: number, step: string, command: string, output: string): string[] {
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (lesson === 1 && step === "main-process-is-pid-1") {
    want(/^\s*1\s+root\s+\S+\s+ps\s*$/m.test(output), "lists `ps` with PID 1");
    want(output.trim().split("\n").length === 2, "lists one process under the header");
  }
  if (lesson === 1 && step === "client-and-daemon" && command === "docker version") {
    want(/^Client:/m.test(output) && /^Server:/m.test(output), "has a Client and a Server section");
    want((output.match(/OS\/Arch:/g) ?? []).length >= 2, "shows OS/Arch for both");
  }
  if (lesson === 1 && step === "client-and-daemon" && command.startsWith("docker-tutor explain")) {
    want(output.includes("makes 6 Engine API calls"), "lists 6 calls");
  }
  if (lesson === 3 && step === "volume-filled-from-image" && command.startsWith("docker container run")) {
    for (const file of ["index.html", "linux.svg", "50x.html"]) want(output.includes(file), `lists ${file}`);
    want(!output.includes("index-new.html"), "lists the image's files, not the learner's folder");
  }
  if (lesson === 3 && step === "read-only-mount" && command.includes(" cat ")) {
    want(output.includes("Containers come and go, volumes stay") && !output.includes("one more"), "shows the file unchanged");
  }
  return problems;
}

/** BuildKit's plain output: `#6 [2/4] RUN …` and later `#6 CACHED`; returns `[2/4] RUN` for each cached one. */
function cachedSteps(output: string): string[] {
  const names = new Map<string, string>();
  const cached: string[] = [];
  for (const line of output.split("\n")) {
    const named = /^#(\d+) (\[\d+\/\d+\] \S+)/.exec(line);
    if (named?.[1] && named[2] && !names.has(named[1])) names.set(named[1], named[2]);
    const hit = /^#(\d+) CACHED/.exec(line);
    if (hit?.[1] && names.has(hit[1])) cached.push(names.get(hit[1]) ?? "");
  }
  return cached;
}
