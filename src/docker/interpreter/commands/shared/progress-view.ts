import { Writable } from "node:stream";
import cliProgress from "cli-progress";
import { drawingStream, terminalSafe } from "../../../terminal-safe.js";
import { humanSize } from "../../format/human-units.js";
import { followJsonLines, type ProgressMessage, type StreamFailure } from "./json-lines.js";
import { isStdoutTty, plainText } from "./progress-text.js";

/** Shows progress messages; `finish` leaves the screen in its final state. */
export interface ProgressView {
  show(message: ProgressMessage): void;
  finish(): void;
}

/** Plain lines, as the docker CLI writes them when its output is not a terminal. */
export function plainView(out: NodeJS.WritableStream): ProgressView {
  return {
    show(message) {
      const text = plainText(message);
      if (text !== undefined) out.write(text);
    },
    finish() {},
  };
}

/** Statuses after which a layer has nothing left to transfer. */
const DONE = new Set(["Pull complete", "Already exists", "Download complete", "Pushed", "Layer already exists"]);

interface LayerPayload {
  readonly id: string;
  readonly status: string;
  readonly amount: string;
}

/**
 * One bar per layer id on a terminal (cli-progress MultiBar). Lines about the whole image go straight
 * out before the first bar and after the last (MultiBar.stop drops what `log` still holds), which is
 * where the CLI shows them too: "Pulling from …" first, "Digest:" and "Status:" last.
 */
export function barsView(out: NodeJS.WritableStream): ProgressView {
  const bars = new cliProgress.MultiBar(
    // The bars move the cursor, so they draw on the terminal itself; what they show of the daemon's words is made safe.
    {
      stream: drawingStream(out),
      format: "{id}: {status} {bar} {amount}",
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const layers = new Map<string, cliProgress.SingleBar>();
  const afterBars: string[] = [];
  return {
    show(message) {
      if (message.id !== undefined && message.progressDetail !== undefined && message.aux === undefined) {
        updateLayer(bars, layers, message, message.id);
        return;
      }
      const text = plainText(message);
      if (text === undefined) return;
      if (layers.size === 0) out.write(text);
      else afterBars.push(text);
    },
    finish() {
      if (layers.size > 0) bars.stop();
      for (const text of afterBars) out.write(text);
    },
  };
}

function updateLayer(bars: cliProgress.MultiBar, layers: Map<string, cliProgress.SingleBar>, message: ProgressMessage, id: string): void {
  const status = terminalSafe(message.status ?? "");
  const current = message.progressDetail?.current ?? 0;
  const total = message.progressDetail?.total ?? 0;
  const payload: LayerPayload = { id: terminalSafe(id), status, amount: total > 0 ? `${humanSize(current)}/${humanSize(total)}` : "" };
  let bar = layers.get(id);
  if (bar === undefined) {
    bar = bars.create(Math.max(total, 1), 0, payload);
    layers.set(id, bar);
  }
  if (total > 0) bar.setTotal(total);
  if (DONE.has(status) || status.startsWith("Mounted from")) bar.update(bar.getTotal(), payload);
  else bar.update(total > 0 ? current : 0, payload);
}

/** Shows a pull or push stream on `out` (bars on a terminal) and resolves to the failure it reported, if any. */
export async function followProgress(stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): Promise<StreamFailure | undefined> {
  const view = isStdoutTty(out) ? barsView(out) : plainView(out);
  try {
    return await followJsonLines(stream, (message) => view.show(message));
  } finally {
    view.finish();
  }
}

/** Where `-q` sends progress. */
export const discard: NodeJS.WritableStream = new Writable({ write: (_chunk, _encoding, done) => done() });
