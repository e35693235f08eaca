import { describe, expect, it } from "vitest";
import { compactJson, indentJson } from "../../../../src/docker/interpreter/format/go-json.js";

describe("indentJson: Go's json.Indent on the daemon's bytes", () => {
  it.each<[string, string]>([
    ["[]", "[]"],
    ['[{"a":1}]', '[\n    {\n        "a": 1\n    }\n]'],
    ['{"a":[],"b":{},"c":"x,y:{z}"}', '{\n    "a": [],\n    "b": {},\n    "c": "x,y:{z}"\n}'],
    ['{"s":"\\u003c\\"quoted\\"\\u003e"}\n', '{\n    "s": "\\u003c\\"quoted\\"\\u003e"\n}'],
    [
      '[{"a":[1,2]},\n{"b":null}]',
      '[\n    {\n        "a": [\n            1,\n            2\n        ]\n    },\n    {\n        "b": null\n    }\n]',
    ],
  ])("%s", (raw, indented) => {
    expect(indentJson(raw)).toBe(indented);
  });
});

describe("JSON laid out as Go's json.Indent and json.Compact do", () => {
  const raw =
    '{"Name":"n","Labels":{},"List":[],"IPAM":{"Config":[{"Subnet":"10.0.0.0/24"}]},"Note":"a, b: {c}","Esc":"\\u003cnone\\u003e \\"q\\""}\n';

  it("indents with four spaces and keeps the daemon's text", () => {
    expect(indentJson(`[${raw}]`)).toBe(
      [
        "[",
        "    {",
        '        "Name": "n",',
        '        "Labels": {},',
        '        "List": [],',
        '        "IPAM": {',
        '            "Config": [',
        "                {",
        '                    "Subnet": "10.0.0.0/24"',
        "                }",
        "            ]",
        "        },",
        '        "Note": "a, b: {c}",',
        '        "Esc": "\\u003cnone\\u003e \\"q\\""',
        "    }",
        "]",
      ].join("\n"),
    );
  });

  it("compacts", () => expect(compactJson('[ { "a" : [ 1, 2 ] , "b":"x y" } ]')).toBe('[{"a":[1,2],"b":"x y"}]'));
});
