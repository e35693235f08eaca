import { describe, expect, it } from "vitest";
import { isRefusal } from "../../../../src/docker/interpreter/command.js";
import { parseTemplate, renderTemplate } from "../../../../src/docker/interpreter/commands/container/go-template.js";
import { indentJson } from "../../../../src/docker/interpreter/commands/container/json-indent.js";

const element = {
  Name: "/web",
  State: { Status: "running", Running: true, ExitCode: 0, Health: null },
  Config: { Cmd: ["sh", "-c", "echo a > b"], Entrypoint: null, Env: null, Labels: { tier: "web", a: "1" }, ExposedPorts: { "80/tcp": {} } },
  HostConfig: { RestartPolicy: { Name: "no", MaximumRetryCount: 0 }, Binds: null, LogConfig: { Type: "json-file", Config: {} } },
  NetworkSettings: { Ports: { "80/tcp": [{ HostIp: "0.0.0.0", HostPort: "8080" }] } },
  Mounts: [{ Type: "bind", Source: "/a", Destination: "/b", Propagation: { Mode: "x" } }],
};

function render(template: string): string {
  const parts = parseTemplate(template);
  if (isRefusal(parts)) return `refused: ${parts.problem}`;
  const rendered = renderTemplate(parts, element);
  return "error" in rendered ? rendered.error : rendered.text;
}

describe("inspect --format: the Go-template subset, printed as Go prints the typed structs", () => {
  it.each<[string, string]>([
    ["{{.State.Status}}", "running"],
    ["{{ .State.Status }}", "running"],
    ["{{.Name}} is {{.State.Status}}", "/web is running"],
    ["{{.State.Running}} {{.State.ExitCode}}", "true 0"],
    ["{{.Config.Cmd}}", "[sh -c echo a > b]"],
    ["{{json .Config.Cmd}}", '["sh","-c","echo a > b"]'],
    ["{{ json .Config.Labels }}", '{"tier":"web","a":"1"}'],
    ["{{json .}}", JSON.stringify(element)],
    ["{{.Config.Entrypoint}}", "[]"],
    ["{{.HostConfig.Binds}}", "[]"],
    ["{{.Config.Labels}}", "map[a:1 tier:web]"],
    ["{{.Config.ExposedPorts}}", "map[80/tcp:{}]"],
    ["{{.HostConfig.LogConfig.Config}}", "map[]"],
    ["{{.State.Health}}", "<nil>"],
    ["{{.HostConfig.RestartPolicy}}", "{no 0}"],
    ["{{.NetworkSettings.Ports}}", "map[80/tcp:[{0.0.0.0 8080}]]"],
    ["{{.Nope}}", 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'],
    ["{{.State.Nope}}", 'template parsing error: template: :1:8: executing "" at <.State.Nope>: map has no entry for key "Nope"'],
    [
      "{{.Config.Nope.Deeper}}",
      'template parsing error: template: :1:9: executing "" at <.Config.Nope.Deeper>: map has no entry for key "Nope"',
    ],
    [
      "{{.State.Health.Status}}",
      'template parsing error: template: :1:8: executing "" at <.State.Health.Status>: nil pointer evaluating interface {}.Status',
    ],
    ["{{.Mounts}}", ".Mounts holds nested structures the interpreter cannot print as Go would; use {{json .Mounts}}"],
    ["{{range .Mounts}}x{{end}}", "refused: the --format action {{range .Mounts}} is outside the template subset"],
    ["{{.State.Status | upper}}", "refused: the --format action {{.State.Status | upper}} is outside"],
    ["{{.State.Status", "refused: the --format template has an unclosed {{"],
  ])("%s → %s", (template, expected) => {
    expect(render(template)).toContain(expected);
  });
});

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
