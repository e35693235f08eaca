import { familiarImageName } from "./image-ref.js";
import { failureOf, type ProgressMessage } from "./interpreter/commands/shared/json-lines.js";

/** What a daemon said it loaded from an archive: image names, and the ids of images that had none. */
export interface LoadAnswer {
  /** As docker prints them (`alpine:latest`), whatever the engine's spelling. */
  readonly names: readonly string[];
  readonly ids: readonly string[];
}

/**
 * Reads the answer of `POST /images/load?quiet=1`: Docker sends one `{"stream":"Loaded image:
 * alpine:latest\n"}` per name (`Loaded image ID: sha256:…` for an image without one); Podman sends
 * one line naming them all, comma-separated (`docker.io/library/alpine:latest,…`). A failure inside
 * the stream (`error`/`errorDetail`) throws with the daemon's words.
 */
export function loadAnswerOf(messages: readonly ProgressMessage[]): LoadAnswer {
  const names: string[] = [];
  const ids: string[] = [];
  for (const message of messages) {
    const failure = failureOf(message);
    if (failure) throw new Error(failure.message);
    for (const line of (message.stream ?? message.status ?? "").split("\n")) {
      const id = /^Loaded image ID:\s*(\S+)/.exec(line.trim())?.[1];
      if (id !== undefined) {
        ids.push(id);
        continue;
      }
      const listed = /^Loaded image(?:\(s\))?:\s*(.+)$/.exec(line.trim())?.[1];
      if (listed === undefined) continue;
      for (const name of listed.split(/[,\s]+/).filter((n) => n !== "")) names.push(familiarImageName(name));
    }
  }
  return { names: [...new Set(names)], ids: [...new Set(ids)] };
}
