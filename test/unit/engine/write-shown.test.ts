import { describe, expect, it } from "vitest";
import { writeShown } from "../../../src/engine/write-shown.js";

describe("writeShown: a write: action shown with its content, as a here-document", () => {
  it("shows every line of the content", () => {
    expect(writeShown("hello.sh", "#!/bin/sh\necho hi\n")).toBe("cat > hello.sh <<'EOF'\n#!/bin/sh\necho hi\nEOF");
  });

  it("ends content without a final newline on a line of its own", () => {
    expect(writeShown("a.txt", "one")).toBe("cat > a.txt <<'EOF'\none\nEOF");
  });

  it("quotes a path with spaces and picks another marker when the content has a line EOF", () => {
    expect(writeShown("my file.txt", "EOF\n")).toBe("cat > 'my file.txt' <<'END_OF_FILE'\nEOF\nEND_OF_FILE");
  });
});
