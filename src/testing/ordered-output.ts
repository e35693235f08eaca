/**
 * The output of sections (lessons) that run at once, printed as if they had run one after another:
 * a section's text goes straight out while every section before it has finished, and is held until
 * then otherwise. With one job at a time, everything goes straight out, as it always did.
 */
export class OrderedOutput {
  private readonly held: string[][];
  private readonly finished: boolean[];
  /** The first section not yet finished: the one whose text goes straight out. */
  private current = 0;

  constructor(
    private readonly out: (text: string) => void,
    count: number,
  ) {
    this.held = Array.from({ length: count }, () => []);
    this.finished = Array.from({ length: count }, () => false);
  }

  write(section: number, text: string): void {
    if (section === this.current) this.out(text);
    else this.held[section]?.push(text);
  }

  /** The section is done: it and every finished section after it are printed, up to the next one still running. */
  finish(section: number): void {
    this.finished[section] = true;
    while (this.current < this.finished.length && this.finished[this.current]) {
      this.current++;
      for (const text of this.held[this.current] ?? []) this.out(text);
      if (this.current < this.held.length) this.held[this.current] = [];
    }
  }

  /** Prints whatever is still held, in order: for sections that will never finish (they did not start). */
  flush(): void {
    for (let section = this.current; section < this.finished.length; section++) this.finish(section);
  }
}
