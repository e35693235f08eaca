/** What the docker CLI reads from its environment to decide how a command runs (not what it says). */
const CLI_SETTINGS = ["DOCKER_BUILDKIT", "DOCKER_CONFIG", "HOME", "USERPROFILE", "ProgramData", "ProgramFiles"] as const;

/**
 * The learner's docker CLI settings, for commands the tutor runs for them: a solution's `docker
 * build` picks the builder their own `docker build` would. They never expand into a command, which
 * sees none of the learner's variables (issue 17).
 */
export function dockerCliSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(CLI_SETTINGS.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}
