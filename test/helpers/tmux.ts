import { execFileSync } from "node:child_process";

/** A real terminal (tmux) running one command: type into it, read its screen. */
export interface Terminal {
  readonly name: string;
  screen(): string;
  /** `send("docker ps", "Enter")`, `send("C-c")`: tmux key names. */
  send(...keys: string[]): void;
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  alive(): boolean;
  kill(): void;
}

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });

export function openTerminal(name: string, command: string, size = { columns: 120, rows: 50 }): Terminal {
  tmux("new-session", "-d", "-s", name, "-x", String(size.columns), "-y", String(size.rows), command);
  const alive = () => {
    try {
      tmux("has-session", "-t", name);
      return true;
    } catch {
      return false;
    }
  };
  let last = "";
  const screen = () => {
    if (alive()) last = tmux("capture-pane", "-p", "-J", "-t", name, "-S", "-300");
    return last;
  };
  return {
    name,
    screen,
    send: (...keys) => void tmux("send-keys", "-t", name, ...keys),
    alive,
    kill: () => {
      if (alive()) tmux("kill-session", "-t", name);
    },
    waitForScreen: async (pattern, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const text = screen();
        if (pattern.test(text)) return text;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the screen never showed ${pattern}; it shows:\n${screen()}`);
    },
  };
}
