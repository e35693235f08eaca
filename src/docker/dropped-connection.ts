/** Node's words for a connection the other side accepted and then closed without an answer. */
const DROPPED = new Set(["ECONNRESET", "EPIPE"]);

/** Whether the daemon dropped the connection (as opposed to refusing it, or answering with an error). */
export function isDroppedConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (typeof code === "string" && DROPPED.has(code)) || (typeof message === "string" && /socket hang up/i.test(message));
}

/**
 * `work` again, after a short pause, when the daemon dropped its connection: Podman's service and a
 * playground node's fresh daemon do that now and then under load, and once is no reason to tell a
 * learner that nothing answers. Any other failure, or the last drop, is thrown as it came.
 */
export async function againIfDropped<T>(work: () => Promise<T>, retries = 2, pauseMs = 200): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isDroppedConnection(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * (attempt + 1)));
    }
  }
}
