import { describe, expect, it } from "vitest";
import { nearImage } from "../../../src/cli/missing-image.js";
import { type MissingImage, missingImageSentence } from "../../../src/cli/missing-image-words.js";
import { nearestName, typoDistance } from "../../../src/text/nearest-name.js";

const dns = 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host';
const notFound = 'failed to resolve reference "docker.io/library/helo-world:latest": docker.io/library/helo-world:latest: not found';
const denied = "pull access denied for helo-world, repository does not exist or may require 'docker login'";

const base: MissingImage = {
  typed: "helo-world",
  near: undefined,
  answer: undefined,
  lessonImages: ["hello-world", "alpine"],
  lessonNeedsIt: false,
  lessonNumber: 1,
};
const say = (over: Partial<MissingImage>) => missingImageSentence({ ...base, ...over });

describe("the one sentence after a missing image", () => {
  it("a name close to a lesson's or a local image: did you mean, and no registry advice", () => {
    for (const why of [notFound, denied]) {
      expect(say({ near: "hello-world", answer: { pullable: false, why } })).toBe(
        "There is no image `helo-world`: did you mean `hello-world`?",
      );
    }
  });

  it("offline (or no answer), a close name is missing here: it does not claim the registry has none", () => {
    const offline = "There is no image `helo-world` on this machine: did you mean `hello-world`?";
    expect(say({ near: "hello-world", answer: { pullable: false, why: dns } })).toBe(offline);
    expect(say({ near: "hello-world", answer: undefined })).toBe(offline);
  });

  it("offline, an image the lesson needs: prepare, for that lesson", () => {
    expect(say({ typed: "nginx", lessonNeedsIt: true, lessonNumber: 3, answer: { pullable: false, why: dns } })).toBe(
      "The daemon cannot reach a registry, and this lesson needs `nginx`: while online, run `docker-tutor prepare 3`, and the lesson then runs offline.",
    );
  });

  it("offline, an image the lesson does not use: no prepare advice, the lesson's images named", () => {
    expect(say({ typed: "ubuntu", answer: { pullable: false, why: dns } })).toBe(
      "`ubuntu` is not on this machine and the daemon cannot reach a registry to pull it; this lesson uses `hello-world` and `alpine`.",
    );
    expect(say({ typed: "ubuntu", lessonImages: [], answer: { pullable: false, why: dns } })).toBe(
      "`ubuntu` is not on this machine and the daemon cannot reach a registry to pull it.",
    );
  });

  it("the registry has no such image: check the name, never prepare (it would fail the same way)", () => {
    const sentence = say({ typed: "nosuch/thing", answer: { pullable: false, why: denied } });
    expect(sentence).toBe(
      "The registry has no image `nosuch/thing` (or it is private): check its name; this lesson uses `hello-world` and `alpine`.",
    );
    expect(sentence).not.toContain("prepare");
    expect(say({ typed: "nginx:9", lessonNeedsIt: true, answer: { pullable: false, why: notFound } })).toBe(
      "The registry the daemon asks has no image `nginx:9` (or it is private), yet this lesson needs it: `docker-tutor doctor` shows which registry or mirror the daemon uses.",
    );
  });

  it("a rate limit (429) is said once, with both ways out: the archive and a registry mirror", () => {
    const hub = "toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit";
    const containerd =
      "unexpected status from HEAD request to https://registry-1.docker.io/v2/library/ubuntu/manifests/latest: 429 Too Many Requests";
    for (const why of [hub, containerd]) {
      expect(say({ typed: "ubuntu", answer: { pullable: false, why } })).toBe(
        'The registry refused the pull with HTTP 429 (too many requests: this address has used up its pull limit), so bring the images on an archive (`docker-tutor prepare --save images.tar` on a machine that has them, then `docker-tutor prepare --load images.tar` here), or give the daemon a registry mirror ("registry-mirrors" in daemon.json, then restart it).',
      );
    }
    // an image the lesson needs: the archive of that lesson
    expect(say({ typed: "nginx", lessonNeedsIt: true, lessonNumber: 3, answer: { pullable: false, why: hub } })).toContain(
      "`docker-tutor prepare --save images.tar 3` on a machine that has them",
    );
  });

  it("a registry that has the image, or an unknown failure, adds nothing", () => {
    expect(say({ near: "hello-world", answer: { pullable: true } })).toBeUndefined();
    expect(say({ typed: "ubuntu", answer: { pullable: false, why: "something odd" } })).toBeUndefined();
    expect(say({ typed: "ubuntu", answer: undefined })).toBeUndefined();
  });

  it("every sentence is one sentence", () => {
    const all = [
      say({ near: "hello-world", answer: { pullable: false, why: notFound } }),
      say({ typed: "nginx", lessonNeedsIt: true, answer: { pullable: false, why: dns } }),
      say({ typed: "ubuntu", answer: { pullable: false, why: dns } }),
      say({ typed: "x", answer: { pullable: false, why: denied } }),
      say({ typed: "x", answer: { pullable: false, why: "toomanyrequests: slow down" } }),
    ];
    for (const sentence of all) expect(sentence?.match(/[.?](\s|$)/g), sentence).toHaveLength(1);
  });
});

describe("the image the learner likely meant", () => {
  const known = ["hello-world", "alpine", "nginx:alpine", "busybox:latest", "docker.io/library/registry:2"];
  it.each([
    ["helo-world", "hello-world"],
    ["hello-wrold", "hello-world"],
    ["alpin", "alpine"],
    ["apline", "alpine"],
    ["ngnix:alpine", "nginx:alpine"],
    ["busybx", "busybox"],
    ["hello-world:lates", "hello-world"],
    ["registry:3", "registry:2"],
  ])("%s → %s", (typed, meant) => expect(nearImage(typed, known)).toBe(meant));

  it.each(["ubuntu", "postgres", "python:3", "me/greeter", "nginx:1.25"])("%s → nothing close", (typed) =>
    expect(nearImage(typed, known)).toBeUndefined(),
  );

  it("a typo is one edit, a swap included; the earlier candidate wins a tie", () => {
    expect(typoDistance("ngnix", "nginx")).toBe(1);
    expect(typoDistance("helo", "hello")).toBe(1);
    expect(typoDistance("", "abc")).toBe(3);
    expect(nearestName("cat", ["bat", "hat"])).toBe("bat");
    expect(nearestName("cat", ["cat"])).toBeUndefined();
  });
});
