import { describe, expect, it } from "vitest";
import { type TokenizeEnv, tokenize } from "../../../src/docker/interpreter/tokenize.js";

const env: TokenizeEnv = {
  vars: { HOME: "/home/ada", DOCKERID: "me", EMPTY: "", SPACED: " a  b ", TAG: "1.0" },
  cwd: "/home/ada/app",
};
const noHome: TokenizeEnv = { vars: {}, cwd: "/srv/my app" };

describe("tokenize: words", () => {
  it.each<[string, string[]]>([
    ["docker ps", ["docker", "ps"]],
    ["  docker \t ps  ", ["docker", "ps"]],
    ["", []],
    ["   ", []],
    ["docker run 'a b' c", ["docker", "run", "a b", "c"]],
    ["echo 'a \"$HOME\" \\n `pwd`'", ["echo", 'a "$HOME" \\n `pwd`']],
    ["echo \"a 'b' c\"", ["echo", "a 'b' c"]],
    ['echo "x\\"y" "a\\\\b" "\\$HOME" "\\`pwd\\`"', ["echo", 'x"y', "a\\b", "$HOME", "`pwd`"]],
    ['echo "\\n\\t\\a"', ["echo", "\\n\\t\\a"]],
    ["echo a\\ b \\$HOME \\'x\\' \\\\", ["echo", "a b", "$HOME", "'x'", "\\"]],
    ["echo a\\", ["echo", "a\\"]],
    ["echo ab'cd'\"ef\"gh", ["echo", "abcdefgh"]],
    ["echo \"\" '' x", ["echo", "", "", "x"]],
    ['echo $EMPTY""', ["echo", ""]],
    ["docker run $EMPTY alpine", ["docker", "run", "alpine"]],
    ["docker run $UNSET alpine", ["docker", "run", "alpine"]],
    ['docker run "$EMPTY" alpine', ["docker", "run", "", "alpine"]],
    ["docker tag $DOCKERID/app:${TAG} x${DOCKERID}y", ["docker", "tag", "me/app:1.0", "xmey"]],
    ["echo $DOCKERID-$TAG $DOCKERID:$TAG", ["echo", "me-1.0", "me:1.0"]],
    ["echo x$SPACED.y", ["echo", "x", "a", "b", ".y"]],
    ['echo "x$SPACED.y"', ["echo", "x a  b .y"]],
    ['echo $ a$ $/ $: "$"', ["echo", "$", "a$", "$/", "$:", "$"]],
    ['echo $"hi there"', ["echo", "hi there"]],
    ["docker run -v $(pwd):/src -w `pwd` alpine", ["docker", "run", "-v", "/home/ada/app:/src", "-w", "/home/ada/app", "alpine"]],
    ['echo "$( pwd )/x" "`pwd`"', ["echo", "/home/ada/app/x", "/home/ada/app"]],
    ["echo ~ ~/data a~ ~user '~' \"~\" \\~", ["echo", "/home/ada", "/home/ada/data", "a~", "~user", "~", "~", "~"]],
    ["docker ps # list them | grep x", ["docker", "ps"]],
    ["# only a comment", []],
    ["echo a#b '#' \\#c", ["echo", "a#b", "#", "#c"]],
    ["docker images --filter reference=me/* *.txt {a,b} [x]", ["docker", "images", "--filter", "reference=me/*", "*.txt", "{a,b}", "[x]"]],
    ['docker ps --format "{{.Names}}" --format {{.ID}}', ["docker", "ps", "--format", "{{.Names}}", "--format", "{{.ID}}"]],
    ["docker run \\\n  -d \\\n  alpine", ["docker", "run", "-d", "alpine"]],
    ["docker run \\\r\n  -d \\\r\n  alpine\r\n", ["docker", "run", "-d", "alpine"]],
    ["docker ru\\\nn alpine", ["docker", "run", "alpine"]],
    ['echo "a\\\nb"', ["echo", "ab"]],
    ["echo 'a\nb'", ["echo", "a\nb"]],
    ["\n# setup\n  docker ps \\\n  -a # all\n\n", ["docker", "ps", "-a"]],
    ["docker rm -f web 2", ["docker", "rm", "-f", "web", "2"]],
    ["echo $EMPTY#x $EMPTY~", ["echo", "#x", "~"]],
    ["echo a\\\n~ \\\n~/x", ["echo", "a~", "/home/ada/x"]],
    ['echo $SPACED$EMPTY""$SPACED', ["echo", "a", "b", "", "a", "b"]],
    ["docker ps\n\n  # done\n", ["docker", "ps"]],
  ])("%j", (line, argv) => expect(tokenize(line, env)).toMatchObject({ ok: true, argv }));
});

describe("tokenize: without HOME, a cwd with a space", () => {
  it.each<[string, string[]]>([
    ["echo ~ ~/x", ["echo", "~", "~/x"]],
    ["docker run -v $(pwd):/src alpine", ["docker", "run", "-v", "/srv/my", "app:/src", "alpine"]],
    ['docker run -v "$(pwd)":/src alpine', ["docker", "run", "-v", "/srv/my app:/src", "alpine"]],
  ])("%j", (line, argv) => expect(tokenize(line, noHome)).toMatchObject({ ok: true, argv }));
});

describe("tokenize: lesson commands", () => {
  it.each<[string, string[]]>([
    [
      'docker container run --detach --publish 80:80 --name linux_tweet_app --mount type=bind,source="$(pwd)",target=/usr/share/nginx/html $DOCKERID/linux_tweet_app:1.0',
      [
        ..."docker container run --detach --publish 80:80 --name linux_tweet_app --mount".split(" "),
        "type=bind,source=/home/ada/app,target=/usr/share/nginx/html",
        "me/linux_tweet_app:1.0",
      ],
    ],
    [
      "docker container exec hello-shell sh -c 'echo \"hello world\" > hello.txt'",
      ["docker", "container", "exec", "hello-shell", "sh", "-c", 'echo "hello world" > hello.txt'],
    ],
    [
      'docker image inspect --format "{{ json .RootFS.Layers }}" hello:v0.2',
      ["docker", "image", "inspect", "--format", "{{ json .RootFS.Layers }}", "hello:v0.2"],
    ],
    [
      "docker service create \\\n    --name web \\\n    --publish published=8080,target=80 \\\n    --replicas 2 \\\n    nginx:alpine\n",
      ["docker", "service", "create", "--name", "web", "--publish", "published=8080,target=80", "--replicas", "2", "nginx:alpine"],
    ],
  ])("%j", (line, argv) => expect(tokenize(line, env)).toMatchObject({ ok: true, argv }));
});

describe("tokenize: refused", () => {
  it.each<[string, string, number]>([
    ["docker ps | grep web", "the shell operator | is not part of a docker command; quote it if docker should receive it", 11],
    ["docker ps&&docker images", "the shell operator && is", 10],
    ["docker ps || true", "the shell operator || is", 11],
    ["docker ps; docker images", "the shell operator ; is", 10],
    ["docker logs web > out.txt", "the shell operator > is", 17],
    ["docker logs web >> out.txt", "the shell operator >> is", 17],
    ["docker logs web 2>&1", "the shell operator > is", 18],
    ["docker load < image.tar", "the shell operator < is", 13],
    ["docker logs web &> out.txt", "the shell operator &> is", 17],
    ["docker load << EOF", "the shell operator << is", 13],
    ["docker run -d alpine &", "the shell operator & is", 22],
    ["docker run alpine echo (hi)", "the shell operator ( is", 24],
    ["docker run 'alpine", "the closing ' is missing", 12],
    ['docker run "alpine', 'the closing " is missing', 12],
    ['docker run "a\\"', 'the closing " is missing', 12],
    ["docker run -v `pwd:/x alpine", "the closing ` is missing", 15],
    ["docker run -v $(pwd:/x alpine", "the closing ) is missing", 15],
    ["docker run -e X=${X alpine", "the closing } is missing", 17],
    ["docker run -e U=$(whoami) alpine", "the command substitution $(whoami) is not supported; only $(pwd) is", 17],
    ['docker run -e U="`id -u`" alpine', "the command substitution `id -u` is not supported; only $(pwd) is", 18],
    ["docker run -e X=${X:-1} alpine", "${X:-1} is not supported; only ${NAME} is", 17],
    ["docker run -e N=$((1+2)) alpine", "arithmetic $((…)) is not supported", 17],
    ["docker rm $1", "the shell's special parameter $1 is not supported", 11],
    ["echo $'a\\nb'", "ANSI-C quoting $'…' is not supported", 6],
    [
      "docker ps\ndocker images",
      "a newline ends the docker command, but more text follows it; end the line with \\ to continue the command",
      11,
    ],
    ["docker ps \n  -a", "a newline ends the docker command", 14],
  ])("%j", (line, problem, column) =>
    expect(tokenize(line, env)).toEqual({ ok: false, problem: expect.stringContaining(problem), column }),
  );
});

describe("tokenize: where a comment starts", () => {
  it.each<[string, number | undefined]>([
    ["docker ps # list them", 11],
    ["# only a comment", 1],
    ["docker ps\n# a\n# b", 11],
    ["echo a#b '#' \\#c", undefined],
    ["docker ps", undefined],
  ])("%j", (line, comment) => {
    const tokens = tokenize(line, env);
    expect(tokens.ok ? tokens.comment : "refused").toBe(comment);
  });
});

describe("tokenize: wholeExpansions keeps each unquoted expansion one word", () => {
  const whole: TokenizeEnv = { ...env, vars: { ...env.vars, EVIL: "x --privileged -v /:/host" }, wholeExpansions: true };
  it.each<[string, string[]]>([
    ["docker swarm join --token $EVIL node", ["docker", "swarm", "join", "--token", "x --privileged -v /:/host", "node"]],
    ["echo x$SPACED.y", ["echo", "x a  b .y"]],
    ["docker run $EMPTY alpine", ["docker", "run", "alpine"]],
    ["docker run -v `pwd`:/x alpine", ["docker", "run", "-v", "/home/ada/app:/x", "alpine"]],
  ])("%j", (line, argv) => expect(tokenize(line, whole)).toEqual({ ok: true, argv }));
});
