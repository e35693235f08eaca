import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineJson, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";

/**
 * The stand-ins scripts/docker-sandbox.sh serves through the registry mirror must look like the
 * real images wherever a lesson or a check touches them (issue 14, item 6). Each image is pulled
 * through the mirror, as a learner's `docker pull` would, and its config is compared with the real
 * public image's; then the images are run to see that they behave like the real ones.
 */

/** The parts of an image's config a container inherits, as `docker image inspect` shows them. */
interface ImageConfig {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  /** Only the names: values such as NGINX_VERSION differ between releases. */
  EnvKeys: string[];
  ExposedPorts: string[];
  Volumes: string[];
  StopSignal: string;
  WorkingDir: string;
}

const PATH_ONLY = ["PATH"];

/**
 * The real images' configs on Docker Hub (docker.io/library), from their Dockerfiles as published
 * by the official-images program. They are built with BuildKit, which gives an image built FROM
 * scratch `WorkingDir: "/"` and PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin,
 * and images built on them inherit both.
 * - nginx 1.27+ (latest on debian:bookworm-slim, alpine on alpine:3.2x): github.com/nginx/docker-nginx
 *   mainline/{debian,alpine-slim,alpine}/Dockerfile: ENV NGINX_VERSION, NJS_VERSION, NJS_RELEASE,
 *   PKG_RELEASE, DYNPKG_RELEASE; ENTRYPOINT ["/docker-entrypoint.sh"]; EXPOSE 80; STOPSIGNAL SIGQUIT;
 *   CMD ["nginx", "-g", "daemon off;"].
 * - hello-world: FROM scratch, COPY hello /, CMD ["/hello"].
 * - alpine 3.2x: FROM scratch, ADD the minirootfs, CMD ["/bin/sh"].
 * - registry 2.8 (distribution/distribution-library-image): FROM alpine, VOLUME ["/var/lib/registry"],
 *   EXPOSE 5000, ENTRYPOINT ["/entrypoint.sh"], CMD ["/etc/docker/registry/config.yml"].
 * - busybox: FROM scratch, ADD the rootfs, CMD ["sh"].
 */
const NGINX: ImageConfig = {
  Entrypoint: ["/docker-entrypoint.sh"],
  Cmd: ["nginx", "-g", "daemon off;"],
  EnvKeys: ["DYNPKG_RELEASE", "NGINX_VERSION", "NJS_RELEASE", "NJS_VERSION", "PATH", "PKG_RELEASE"],
  ExposedPorts: ["80/tcp"],
  Volumes: [],
  StopSignal: "SIGQUIT",
  WorkingDir: "/",
};
const REAL: Record<string, ImageConfig> = {
  "nginx:latest": NGINX,
  "nginx:alpine": NGINX,
  "hello-world:latest": {
    Entrypoint: null,
    Cmd: ["/hello"],
    EnvKeys: PATH_ONLY,
    ExposedPorts: [],
    Volumes: [],
    StopSignal: "",
    WorkingDir: "/",
  },
  "alpine:latest": {
    Entrypoint: null,
    Cmd: ["/bin/sh"],
    EnvKeys: PATH_ONLY,
    ExposedPorts: [],
    Volumes: [],
    StopSignal: "",
    WorkingDir: "/",
  },
  "registry:2": {
    Entrypoint: ["/entrypoint.sh"],
    Cmd: ["/etc/docker/registry/config.yml"],
    EnvKeys: PATH_ONLY,
    ExposedPorts: ["5000/tcp"],
    Volumes: ["/var/lib/registry"],
    StopSignal: "",
    WorkingDir: "/",
  },
  "busybox:latest": {
    Entrypoint: null,
    Cmd: ["sh"],
    EnvKeys: PATH_ONLY,
    ExposedPorts: [],
    Volumes: [],
    StopSignal: "",
    WorkingDir: "/",
  },
};
const STANDARD_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

interface InspectConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
  StopSignal?: string;
  WorkingDir?: string;
}

/** An inspected config in the shape of ImageConfig: empty lists and absent fields read alike. */
function configOf(config: InspectConfig): ImageConfig {
  const list = (value: string[] | null | undefined) => (value && value.length > 0 ? value : null);
  return {
    Entrypoint: list(config.Entrypoint),
    Cmd: list(config.Cmd),
    EnvKeys: (config.Env ?? []).map((entry) => entry.split("=")[0] ?? entry).sort(),
    ExposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    Volumes: Object.keys(config.Volumes ?? {}).sort(),
    StopSignal: config.StopSignal ?? "",
    WorkingDir: config.WorkingDir ?? "",
  };
}

/** The docker CLI with stdout and stderr apart (container logs keep the two streams apart). */
function docker(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("docker", args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function mustDocker(...args: string[]): Promise<string> {
  const result = await docker(...args);
  if (result.code !== 0) throw new Error(`docker ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return result.stdout.trim();
}

function httpGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on("error", reject);
  });
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting until ${what}${last ? ` (${String(last)})` : ""}`);
}

/** True if the ELF file asks for no program interpreter (PT_INTERP): a static executable. */
function isStaticElf(file: Buffer): boolean {
  if (file.subarray(0, 4).toString("latin1") !== "\x7fELF") return false;
  const is64 = file[4] === 2;
  const little = file[5] === 1;
  const u16 = (at: number) => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const phoff = is64 ? Number(little ? file.readBigUInt64LE(0x20) : file.readBigUInt64BE(0x20)) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    if (u32(phoff + i * phentsize) === 3) return false; // PT_INTERP
  }
  return true;
}

const HELLO_TEXT = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (ARCH)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

/**
 * The applets of alpine:3.21's BusyBox (`busybox --list` in the real image). The stand-in's BusyBox
 * is Debian 12's 1.35 source built as Alpine builds it; `tree` came with BusyBox 1.36.
 */
const ALPINE_APPLETS = `
  [ [[ acpid add-shell addgroup adduser adjtimex arch arp arping ash awk base64 basename bbconfig bc
  beep blkdiscard blkid blockdev brctl bunzip2 bzcat bzip2 cal cat chattr chgrp chmod chown chpasswd
  chroot chvt cksum clear cmp comm cp cpio crond crontab cryptpw cut date dc dd deallocvt delgroup
  deluser depmod df diff dirname dmesg dnsdomainname dos2unix du dumpkmap echo egrep eject env
  ether-wake expand expr factor fallocate false fatattr fbset fbsplash fdflush fdisk fgrep find findfs
  flock fold free fsck fstrim fsync fuser getopt getty grep groups gunzip gzip halt hd head hexdump
  hostid hostname hwclock id ifconfig ifdown ifenslave ifup init inotifyd insmod install ionice iostat
  ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5
  klogd last less link linux32 linux64 ln loadfont loadkmap logger login logread losetup ls lsattr
  lsmod lsof lsusb lzcat lzma lzop lzopcat makemime md5sum mdev mesg microcom mkdir mkdosfs mkfifo
  mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mv nameif
  nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od
  openvt partprobe passwd paste pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap poweroff
  printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink realpath reboot
  reformime remove-shell renice reset resize rev rfkill rm rmdir rmmod route run-parts sed sendmail
  seq setconsole setfont setkeycodes setlogcons setpriv setserial setsid sh sha1sum sha256sum sha3sum
  sha512sum showkey shred shuf slattach sleep sort split stat strings stty su sum swapoff swapon
  switch_root sync sysctl syslogd tac tail tar tee test time timeout top touch tr traceroute
  traceroute6 tree true truncate tty ttysize tunctl udhcpc udhcpc6 umount uname unexpand uniq unix2dos
  unlink unlzma unlzop unshare unxz unzip uptime usleep uudecode uuencode vconfig vi vlock volname
  watch watchdog wc wget which whoami whois xargs xxd xzcat yes zcat zcip
`
  .trim()
  .split(/\s+/);
const NOT_IN_BUSYBOX_1_35 = ["tree"];

const made: string[] = [];
function containerName(what: string): string {
  const name = uniqueName(`stand-in-${what}`);
  made.push(name);
  return name;
}

beforeAll(async () => {
  await requireDaemon();
  // through the mirror, as a learner's `docker pull` goes: the images under test are the mirror's
  for (const ref of Object.keys(REAL)) await pullImage(ref);
});

afterAll(async () => {
  for (const name of made) await docker("container", "rm", "-f", "-v", name);
});

describe("the stand-in images' configs are the real images'", () => {
  for (const [ref, real] of Object.entries(REAL)) {
    it(ref, async () => {
      const image = await engineJson<{ Config: InspectConfig; Os: string }>(`/images/${encodeURIComponent(ref)}/json`);
      expect(configOf(image.Config)).toEqual(real);
      expect(image.Config.Env).toContain(STANDARD_PATH);
      expect(image.Os).toBe("linux");
    });
  }
});

describe("the stand-ins behave like the real images", () => {
  for (const ref of ["nginx:alpine", "nginx:latest"]) {
    it(`${ref} serves the default page on port 80, logs requests on stdout and stops at once on SIGQUIT`, async () => {
      const name = containerName("nginx");
      await mustDocker("run", "-d", "--name", name, "--label", "docker-tutor.test=1", "-p", "127.0.0.1::80", ref);
      const port = (await mustDocker("port", name, "80/tcp")).split("\n")[0]?.split(":").pop();
      const page = await eventually("nginx answers", async () => httpGet(`http://127.0.0.1:${port}/`));
      expect(page.status).toBe(200);
      expect(page.body).toContain("<title>Welcome to nginx!</title>");
      expect(String(page.headers.server)).toMatch(/^nginx\/\d+\.\d+\.\d+$/);
      expect(String(page.headers["content-type"])).toBe("text/html");
      const missing = await httpGet(`http://127.0.0.1:${port}/no-such-page`);
      expect(missing.status).toBe(404);
      expect(missing.body).toContain("<center>nginx/");

      // the access log is stdout, the error log stderr (symlinks to /dev/stdout and /dev/stderr)
      const logs = await eventually("the access line is logged", async () => {
        const result = await docker("container", "logs", name);
        return result.stdout.includes('"GET /no-such-page HTTP/1.1" 404') ? result : undefined;
      });
      expect(logs.stdout).toMatch(/"GET \/ HTTP\/1\.1" 200 \d+ "-" "[^"]*" "-"/);
      expect(logs.stdout).toContain("/docker-entrypoint.sh: Configuration complete; ready for start up");
      expect(logs.stderr).toContain('open() "/usr/share/nginx/html/no-such-page" failed');
      expect(logs.stderr).not.toContain('"GET / HTTP/1.1"');
      const links = await mustDocker("exec", name, "sh", "-c", "cd /var/log/nginx && readlink access.log && readlink error.log");
      expect(links.split("\n")).toEqual(["/dev/stdout", "/dev/stderr"]);

      // lessons look inside with a shell and the usual tools
      expect(await mustDocker("exec", name, "sh", "-c", "ls /usr/share/nginx/html")).toBe("50x.html\nindex.html");
      expect(await mustDocker("exec", name, "cat", "/etc/nginx/conf.d/default.conf")).toContain("root   /usr/share/nginx/html;");
      const test = await docker("exec", name, "nginx", "-t");
      expect(test.stderr).toContain("nginx: configuration file /etc/nginx/nginx.conf test is successful");

      // SIGQUIT is nginx's graceful stop: well within docker stop's 10 s, exit code 0
      const started = Date.now();
      await mustDocker("container", "stop", name);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await mustDocker("container", "inspect", "-f", "{{.State.ExitCode}}", name)).toBe("0");
      const after = await docker("container", "logs", name);
      expect(after.stderr).toMatch(/signal 3 \(SIGQUIT\) received/);
    });
  }

  it("nginx's entrypoint is quiet with NGINX_ENTRYPOINT_QUIET_LOGS and runs any other command as is", async () => {
    const quiet = await mustDocker("run", "--rm", "-e", "NGINX_ENTRYPOINT_QUIET_LOGS=1", "nginx:alpine", "nginx", "-t");
    expect(quiet).toBe("");
    expect(await mustDocker("run", "--rm", "nginx:latest", "echo", "hi")).toBe("hi");
  });

  it("hello-world prints the real greeting from a static /hello, with no shell in the image", async () => {
    const name = containerName("hello");
    const run = await docker("run", "--name", name, "--label", "docker-tutor.test=1", "hello-world");
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\((amd64|arm64v8|arm32v7|arm32v5|i386|ppc64le|s390x|riscv64|mips64le)\)/, "(ARCH)")).toBe(HELLO_TEXT);
    const dir = mkdtempSync(join(tmpdir(), "dtt-hello-"));
    try {
      await mustDocker("container", "cp", `${name}:/hello`, join(dir, "hello"));
      expect(isStaticElf(readFileSync(join(dir, "hello")))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const shell = await docker("run", "--rm", "--entrypoint", "sh", "hello-world", "-c", "true");
    expect(shell.code).not.toBe(0);
    expect(shell.stderr).toMatch(/executable file not found|no such file or directory/);
  });

  it("alpine has /etc/alpine-release and the real alpine's BusyBox applets, and resolves names", async () => {
    expect(await mustDocker("run", "--rm", "alpine", "cat", "/etc/alpine-release")).toMatch(/^3\.\d+\.\d+$/);
    const wanted = ALPINE_APPLETS.filter((applet) => !NOT_IN_BUSYBOX_1_35.includes(applet));
    const missing = await mustDocker(
      "run",
      "--rm",
      "alpine",
      "sh",
      "-c",
      `for a in ${wanted.map((a) => `'${a}'`).join(" ")}; do busybox --list | grep -qxF "$a" || echo "$a"; done`,
    );
    expect(missing.split("\n").filter(Boolean)).toEqual([]);
    const paths = await mustDocker("run", "--rm", "alpine", "sh", "-c", "for c in ash sh ls printenv nohup wget; do command -v $c; done");
    expect(paths.split("\n")).toEqual(["/bin/ash", "/bin/sh", "/bin/ls", "/bin/printenv", "/usr/bin/nohup", "/usr/bin/wget"]);
    expect(await mustDocker("run", "--rm", "alpine", "stat", "-c", "%a", "/tmp")).toBe("1777");
    // Alpine's BusyBox is built against musl, whose resolver wget uses (a static glibc one crashes)
    const name = containerName("resolver");
    const wget = await docker("run", "--name", name, "alpine", "wget", "-q", "-T", "2", "-O", "/dev/null", `http://${name}.invalid/`);
    expect(wget.stderr).toMatch(/bad address/);
    expect(await mustDocker("container", "inspect", "-f", "{{.State.ExitCode}}", name)).toBe("1");
  });

  it("busybox runs sh by default", async () => {
    const result = await docker("run", "--rm", "busybox");
    expect(result.code).toBe(0);
    expect(await mustDocker("run", "--rm", "busybox", "sh", "-c", "echo $0")).toBe("sh");
  });

  it("registry:2 serves the Registry API on 5000 with its data in a volume", async () => {
    const name = containerName("registry");
    await mustDocker("run", "-d", "--name", name, "--label", "docker-tutor.test=1", "-p", "127.0.0.1::5000", "registry:2");
    const port = (await mustDocker("port", name, "5000/tcp")).split("\n")[0]?.split(":").pop();
    const api = await eventually("the registry answers", async () => httpGet(`http://127.0.0.1:${port}/v2/`));
    expect(api.status).toBe(200);
    expect(api.body.trim()).toBe("{}");
    const logs = await docker("container", "logs", name);
    expect(logs.stdout + logs.stderr).toContain("listening on [::]:5000");
    const mounts = JSON.parse(await mustDocker("container", "inspect", "-f", "{{json .Mounts}}", name)) as Array<{
      Type: string;
      Destination: string;
    }>;
    expect(mounts).toEqual([expect.objectContaining({ Type: "volume", Destination: "/var/lib/registry" })]);
    expect(await mustDocker("exec", name, "cat", "/etc/docker/registry/config.yml")).toContain("rootdirectory: /var/lib/registry");
  });
});
