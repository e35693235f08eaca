import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file's path, size and modification time under `dir`: a change to any shows as another signature. */
export function folderSignature(dir: string): string {
  const parts: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(sub, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(join(dir, path));
        parts.push(`${path}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk("");
  return parts.join("\n");
}

/**
 * The lesson folder, kept copied to the same path on a playground node, so that a bind mount of it
 * there sees the learner's files. `sync` copies only when something changed since the last copy, and
 * two syncs at once share one copy.
 */
export class WorkspaceMirror {
  private copied: string | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private readonly copy: (dir: string) => Promise<void>,
  ) {}

  sync(): Promise<void> {
    this.running ??= this.syncNow().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async syncNow(): Promise<void> {
    const signature = folderSignature(this.dir);
    if (signature === this.copied) return;
    await this.copy(this.dir);
    this.copied = signature;
  }
}
