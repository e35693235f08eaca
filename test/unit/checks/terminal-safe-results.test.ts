import { describe, expect, it } from "vitest";
import { evaluateCheck } from "../../../src/checks/registry.js";
import type { DockerReader } from "../../../src/docker/reader.js";
import { TutorError } from "../../../src/errors.js";
import { renderError } from "../../../src/ui/error-message.js";
import { createTheme } from "../../../src/ui/theme.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE = "ok\u001b]52;c;ZXZpbA==\u0007\r\u001b[2Kharmless\u009b2J";

describe("what checks and errors quote from outside is terminal-safe", () => {
  it("a page's excerpt in an http check's actual", async () => {
    const result = await evaluateCheck(
      { kind: "http", url: "http://localhost:8080/", status: 200, bodyContains: "welcome" },
      {
        docker: {} as DockerReader,
        scope: { startedAt: new Date(0), preexistingContainerIds: new Set() },
        httpGet: async () => ({ status: 200, body: HOSTILE }),
      },
    );
    expect(result.pass).toBe(false);
    expect(result.actual).toBe("http://localhost:8080/ answers with a page starting `ok]52;c;ZXZpbA== [2Kharmless2J`, without `welcome`");
  });

  it("a daemon's words in an error, whether the tutor expected it or not", () => {
    const theme = createTheme(false);
    const known = renderError(new TutorError(`No such image: ${HOSTILE}.`, `Pull \`${HOSTILE}\`.`, 2, [HOSTILE]), theme, true);
    const unexpected = renderError(new Error(HOSTILE), theme, false);
    expect(known).toContain("No such image: ok]52;c;ZXZpbA==[2Kharmless2J.");
    expect(CONTROL.test(known)).toBe(false);
    expect(CONTROL.test(unexpected.replace(/\n/g, ""))).toBe(false);
  });
});
