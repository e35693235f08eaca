/** Reads a stream to its end (or close: a hijacked socket may only close), failing after `timeoutMs`. */
export function collectStream(stream: NodeJS.ReadableStream, timeoutMs: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stream.removeAllListeners("data");
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(() => {
      if ("destroy" in stream && typeof stream.destroy === "function") stream.destroy();
      finish(new Error(`${what} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    stream.on("data", (chunk: Buffer | string) => chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
    stream.once("end", () => finish());
    stream.once("close", () => finish());
    stream.once("error", (error: Error) => finish(error));
  });
}
