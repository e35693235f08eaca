import { StringDecoder } from "node:string_decoder";

/**
 * One line of the JSON-lines progress stream that pull, push and build answer with
 * (moby pkg/jsonmessage.JSONMessage, the fields the tutor uses).
 */
export interface ProgressMessage {
  readonly status?: string;
  readonly id?: string;
  readonly stream?: string;
  readonly progress?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly code?: number; readonly message?: string };
  readonly aux?: unknown;
}

/** A failure reported inside an HTTP 200 stream; `code` is a failed RUN's exit code. */
export interface StreamFailure {
  readonly message: string;
  readonly code?: number;
}

export interface JsonLineReader {
  push(chunk: Buffer | string): void;
  /** Handles a last line that has no newline. */
  end(): void;
}

/**
 * Splits the stream into lines and parses each. Unlike docker-modem's followProgress it keeps an
 * unterminated last line and turns a line that is not JSON into text instead of throwing.
 */
export function createJsonLineReader(onMessage: (message: ProgressMessage) => void): JsonLineReader {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const handle = (line: string) => {
    if (line.trim() !== "") onMessage(parseLine(line.trim()));
  };
  return {
    push(chunk) {
      pending += typeof chunk === "string" ? chunk : decoder.write(chunk);
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) handle(line);
    },
    end() {
      handle(pending + decoder.end());
      pending = "";
    },
  };
}

export function parseLine(line: string): ProgressMessage {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as ProgressMessage;
  } catch {
    // not JSON: shown as text below
  }
  return { stream: `${line}\n` };
}

/** The failure a message reports, if it reports one. */
export function failureOf(message: ProgressMessage): StreamFailure | undefined {
  if (message.error === undefined && message.errorDetail === undefined) return undefined;
  const text = message.errorDetail?.message ?? message.error ?? "";
  const code = message.errorDetail?.code;
  return code === undefined || code === 0 ? { message: text } : { message: text, code };
}

/**
 * Reads the whole stream, handing each message on until the first failure (the docker CLI stops
 * showing output there), and resolves to that failure, or undefined when there was none.
 */
export function followJsonLines(
  stream: NodeJS.ReadableStream,
  onMessage: (message: ProgressMessage) => void,
): Promise<StreamFailure | undefined> {
  return new Promise((resolve, reject) => {
    let failure: StreamFailure | undefined;
    const reader = createJsonLineReader((message) => {
      if (failure !== undefined) return;
      failure = failureOf(message);
      if (failure === undefined) onMessage(message);
    });
    stream.on("data", (chunk: Buffer | string) => reader.push(chunk));
    stream.once("end", () => {
      reader.end();
      resolve(failure);
    });
    stream.once("error", reject);
  });
}
