import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { SolutionIO } from "./solution-runner.js";

/**
 * The pack policy (lessons/pack-policy.ts) at the moment a command runs: on the command as it is
 * expanded, with the workspace's real path and links resolved on this machine. What a stand-in
 * could not decide when the pack loaded (a captured value, a link in the workspace) is decided here.
 */
export function packGuard(workspace: string): NonNullable<SolutionIO["guard"]> {
  return async (line, env, nodeAddresses) => {
    // Loaded on first use: the policy reads the interpreter's command tables.
    const { breachSentence, policyBreach } = await import("../lessons/pack-policy.js");
    const place = { workspace: realPathOf(workspace), realPath: realPathOf, isSocket, nodeAddresses };
    const breach = policyBreach(line, env, place);
    return breach ? breachSentence(breach) : undefined;
  };
}

/** The real path; for a path not made yet (the daemon makes a missing bind source), its nearest folder's real path with the rest. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}
