import type { Duplex } from "node:stream";
import { demuxFrames } from "../../../stream-frames.js";
import type { ApiCall } from "../../api-call.js";
import type { CommandIO } from "../../command.js";
import type { EngineTransport } from "../../transport.js";

/** A container's attached streams: its output goes to io as it comes; the input is sent once it runs. */
export interface AttachedOutput {
  /** Settles when the daemon closes the stream (the container exited). Created at attach, never late. */
  readonly ended: Promise<void>;
  /** With stdin attached: writes the text (if any) and closes stdin, which the container reads as EOF. */
  sendInput(text: string | undefined): void;
  close(): void;
}

/**
 * Attaches over an upgraded connection (`Upgrade: tcp`), as the CLI does. Without a TTY the daemon
 * frames stdout and stderr (8-byte headers) and they are split apart; with one, output is raw.
 */
export async function attachOutput(
  engine: EngineTransport,
  call: ApiCall,
  streams: { readonly tty: boolean; readonly stdin: boolean },
  io: CommandIO,
): Promise<AttachedOutput> {
  const socket = await engine.hijack(call);
  const ended = new Promise<void>((resolve) => {
    socket.once("end", resolve);
    socket.once("close", resolve);
    // A container that exits before reading its input closes the socket under our write.
    socket.on("error", () => resolve());
  });
  if (streams.tty) socket.on("data", (chunk: Buffer) => io.stdout.write(chunk));
  else demuxFrames(socket, io);
  return {
    ended,
    sendInput: (text) => (streams.stdin ? endInput(socket, text, streams.tty) : undefined),
    close: () => socket.destroy(),
  };
}

/**
 * Without a TTY, closing stdin is the container's end of input (StdinOnce). With one, moby does not
 * pass the close on, so the input ends as a person would end it: with Ctrl-D (a second one after a
 * partial line, which the first only flushes), a moment after the text. Sent in the same instant,
 * the process could read both and exit before the daemon collected its TTY output, losing it.
 */
function endInput(socket: Duplex, text: string | undefined, tty: boolean): void {
  const input = text ?? "";
  if (input !== "") socket.write(input);
  if (!tty) {
    socket.end();
    return;
  }
  const endOfInput = input === "" || input.endsWith("\n") ? "\x04" : "\x04\x04";
  setTimeout(() => socket.end(endOfInput), TYPING_PAUSE_MS).unref();
}

const TYPING_PAUSE_MS = 100;
