import { describe, expect, it } from "vitest";
import { parseTemplate, renderTemplate } from "../../../../src/docker/interpreter/commands/shared/go-template.js";

const image = {
  Id: "sha256:0db3",
  RepoTags: ["alpine:latest"],
  Size: 1985873,
  Config: { Cmd: ["/bin/sh"], Entrypoint: null, Labels: { a: "b" }, Tty: false, WorkingDir: "" },
  RootFS: { Type: "layers", Layers: ["sha256:25d6", "sha256:9f36"] },
  Note: "<&>",
};

const render = (source: string): string => {
  const template = parseTemplate(source);
  if ("problem" in template) return `refused: ${template.problem}`;
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
    ["{{json .Note}}", '"\\u003c\\u0026\\u003e"'],
    ["{{.RootFS.Layers}}", "[sha256:25d6 sha256:9f36]"],
    ["no actions", "no actions"],
  ])("%s → %s", (source, expected) => expect(render(source)).toBe(expected));

  it.each<[string, string]>([
    ["{{.Nope}}", 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'],
    ["{{.Config.Nope}}", 'template parsing error: template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope"'],
    ["{{json .Config.Nope}}", 'template parsing error: template: :1:14: executing "" at <.Config.Nope>: map has no entry for key "Nope"'],
    [
      "{{.RepoTags.x}}",
      'template parsing error: template: :1:11: executing "" at <.RepoTags.x>: can\'t evaluate field x in type interface {}',
    ],
    ["a\n{{.Nope}}", 'template parsing error: template: :2:2: executing "" at <.Nope>: map has no entry for key "Nope"'],
  ])("%s fails as docker's does", (source, expected) => expect(render(source)).toBe(expected));

  it.each([
    ["{{.Config.Labels}}", /is an object/],
    ["{{.Config.Entrypoint}}", /is null/],
    ["{{range .RepoTags}}{{.}}{{end}}", /^refused: .*is not supported/],
    ["{{index .RepoTags 0}}", /^refused: /],
    ['{{.Id | printf "%s"}}', /^refused: /],
    ["{{- .Id -}}", /^refused: /],
    ["{{.Id", /^refused: .*without closing it/],
  ])("%s is refused in a sentence", (source, expected) => expect(render(source)).toMatch(expected));
});
