import { describe, expect, it } from "vitest";
import { isRefusal } from "../../../../src/docker/interpreter/command.js";
import { parseTemplate, renderTemplate } from "../../../../src/docker/interpreter/format/go-template.js";

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
  return rendered.ok ? rendered.text : rendered.problem;
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
    ["{{range .Mounts}}x{{end}}", "x"],
    ["{{range $m := .Mounts}}x{{end}}", "refused: the --format action {{range $m := .Mounts}} is outside the template subset"],
    ["{{.State.Status | upper}}", "refused: the --format action {{.State.Status | upper}} is outside"],
    ["{{.State.Status", "refused: the --format template has an unclosed {{"],
  ])("%s → %s", (template, expected) => {
    expect(render(template)).toContain(expected);
  });
});

const image = {
  Id: "sha256:0db3",
  RepoTags: ["alpine:latest"],
  Size: 1985873,
  Config: { Cmd: ["/bin/sh"], Entrypoint: null, Labels: { a: "b" }, Tty: false, WorkingDir: "" },
  RootFS: { Type: "layers", Layers: ["sha256:25d6", "sha256:9f36"] },
  Note: "<&>",
};

const renderImage = (source: string): string => {
  const template = parseTemplate(source);
  if (isRefusal(template)) return `refused: ${template.problem}`;
  const rendered = renderTemplate(template, image);
  return rendered.ok ? rendered.text : rendered.problem;
};

describe("--format templates the interpreter runs", () => {
  it.each<[string, string]>([
    ["{{.Id}}", "sha256:0db3"],
    ["{{ .Id }}", "sha256:0db3"],
    ["id={{.Id}} size={{.Size}}", "id=sha256:0db3 size=1985873"],
    ["{{.Config.Cmd}}", "[/bin/sh]"],
    ["{{.RepoTags}}", "[alpine:latest]"],
    ["{{.Config.Tty}}", "false"],
    ["[{{.Config.WorkingDir}}]", "[]"],
    ["{{json .RootFS.Layers}}", '["sha256:25d6","sha256:9f36"]'],
    ["{{ json .RootFS.Layers }}", '["sha256:25d6","sha256:9f36"]'],
    ["{{json .Config.Entrypoint}}", "null"],
    ["{{json .Config.Labels}}", '{"a":"b"}'],
    // as docker 28's CLI prints them: its json function does not escape HTML, and maps and nil slices print as Go values
    ["{{json .Note}}", '"<&>"'],
    ["{{.Config.Labels}}", "map[a:b]"],
    ["{{.Config.Entrypoint}}", "[]"],
    ["{{.RootFS.Layers}}", "[sha256:25d6 sha256:9f36]"],
    ["no actions", "no actions"],
  ])("%s → %s", (source, expected) => expect(renderImage(source)).toBe(expected));

  it.each<[string, string]>([
    ["{{.Nope}}", 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'],
    ["{{.Config.Nope}}", 'template parsing error: template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope"'],
    ["{{json .Config.Nope}}", 'template parsing error: template: :1:14: executing "" at <.Config.Nope>: map has no entry for key "Nope"'],
    [
      "{{.RepoTags.x}}",
      'template parsing error: template: :1:11: executing "" at <.RepoTags.x>: can\'t evaluate field x in type interface {}',
    ],
    ["a\n{{.Nope}}", 'template parsing error: template: :2:2: executing "" at <.Nope>: map has no entry for key "Nope"'],
  ])("%s fails as docker's does", (source, expected) => expect(renderImage(source)).toBe(expected));

  it.each([
    ["{{range $i, $t := .RepoTags}}{{$t}}{{end}}", /^refused: .*is not supported/],
    ["{{index .RepoTags 0}}", /^refused: /],
    ['{{.Id | printf "%s"}}', /^refused: /],
    ["{{- .Id -}}", /^refused: /],
    ["{{.Id", /^refused: .*without closing it/],
  ])("%s is refused in a sentence", (source, expected) => expect(renderImage(source)).toMatch(expected));
});

describe("inspect --format: range over lists and maps, as Go's text/template walks them", () => {
  const container = {
    Name: "/web",
    Config: { Env: ["A=1", "B=2"], Labels: { b: "2", a: "1" } },
    HostConfig: { Binds: null },
    NetworkSettings: { Networks: { zeta: { IPAddress: "10.0.1.2" }, bridge: { IPAddress: "172.17.0.5" } } },
  };
  const renderOn = (template: string): string => {
    const parts = parseTemplate(template);
    if (isRefusal(parts)) return `refused: ${parts.problem}`;
    const rendered = renderTemplate(parts, container);
    return rendered.ok ? rendered.text : rendered.problem;
  };

  it.each<[string, string]>([
    // the address on every network, in the networks' name order (API 1.52 dropped .NetworkSettings.IPAddress)
    ["{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", "172.17.0.5 10.0.1.2 "],
    ["{{range .Config.Env}}{{.}};{{end}}", "A=1;B=2;"],
    ["{{range .Config.Labels}}[{{.}}]{{end}}", "[1][2]"],
    ["{{ range .HostConfig.Binds }}b{{ end }}", ""],
    ["{{.Name}}: {{range .NetworkSettings.Networks}}{{json .}}{{end}}", '/web: {"IPAddress":"172.17.0.5"}{"IPAddress":"10.0.1.2"}'],
    ["{{range .Name}}x{{end}}", 'template parsing error: template: :1:8: executing "" at <.Name>: range can\'t iterate over /web'],
    ["{{range .Nope}}x{{end}}", 'template parsing error: template: :1:8: executing "" at <.Nope>: map has no entry for key "Nope"'],
  ])("%s", (template, expected) => expect(renderOn(template)).toBe(expected));

  it.each<[string, RegExp]>([
    ["{{range .Config.Env}}x", /unexpected EOF/],
    ["x{{end}}", /unexpected \{\{end\}\}/],
    ["{{range .}}x{{end}}", /outside the template subset/],
    ["{{.}}", /outside the template subset/],
  ])("refuses %s", (template, problem) => expect(renderOn(template)).toMatch(problem));
});
