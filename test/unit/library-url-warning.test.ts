import { describe, expect, it } from "vitest";
import { hideLibraryUrlWarning } from "../../src/cli/main.js";

/** A process whose emitWarning records what reaches it. */
function fakeProcess() {
  const shown: unknown[][] = [];
  const proc = { emitWarning: (...args: unknown[]) => void shown.push(args) } as unknown as NodeJS.Process;
  return { proc, shown };
}

describe("the ssh:// URL deprecation docker-modem triggers", () => {
  it("is not shown, in either form Node emits a coded warning", () => {
    const { proc, shown } = fakeProcess();
    hideLibraryUrlWarning(proc);
    proc.emitWarning("The URL ssh:x is invalid.", "DeprecationWarning", "DEP0170");
    proc.emitWarning("The URL ssh:x is invalid.", { type: "DeprecationWarning", code: "DEP0170" });
    expect(shown).toEqual([]);
  });

  it("every other warning still is", () => {
    const { proc, shown } = fakeProcess();
    hideLibraryUrlWarning(proc);
    proc.emitWarning("Buffer() is deprecated", "DeprecationWarning", "DEP0005");
    proc.emitWarning("plain");
    expect(shown).toEqual([["Buffer() is deprecated", "DeprecationWarning", "DEP0005"], ["plain"]]);
  });
});
