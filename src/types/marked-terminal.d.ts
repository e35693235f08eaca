// marked-terminal ships no types, and @types/marked-terminal (6.1.1) depends on marked >=6 <12, older than ours.
declare module "marked-terminal" {
  import type { MarkedExtension } from "marked";
  export interface TerminalRendererOptions {
    width?: number;
    reflowText?: boolean;
    showSectionPrefix?: boolean;
    tab?: number | string;
    emoji?: boolean;
    [style: string]: unknown;
  }
  export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
