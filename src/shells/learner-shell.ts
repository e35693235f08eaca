/**
 * The shells a learner types lesson commands into. Lessons are written for bash; the others get
 * a variant of a command when they would not run it as shown (see shell-variant.ts).
 */
export type ShellKind = "bash" | "gitbash" | "powershell" | "windows-powershell" | "cmd";

/** The shells `validate` holds every lesson command to: what a course's learners use. */
export const SUPPORTED_SHELLS: readonly ShellKind[] = ["bash", "powershell", "cmd"];

export const SHELL_NAMES: Readonly<Record<ShellKind, string>> = {
  bash: "bash/zsh",
  gitbash: "Git Bash",
  powershell: "PowerShell 7",
  "windows-powershell": "Windows PowerShell 5.1",
  cmd: "cmd",
};

/**
 * The shell the tutor was most likely started from, which is the one the learner types into in
 * their other terminal. Windows sets ComSpec and a PSModulePath of the system's module folders
 * in every process; PowerShell adds the user's own module folder (under their profile) to it,
 * and PowerShell 7 its `PowerShell\7` folders, while Git Bash sets MSYSTEM. Pure.
 */
export function learnerShell(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): ShellKind {
  if (platform !== "win32") return "bash";
  if (env.MSYSTEM) return "gitbash";
  const modules = (env.PSModulePath ?? "").split(";").filter((folder) => folder.trim() !== "");
  const profile = (env.USERPROFILE ?? "").toLowerCase();
  const inProfile = modules.some((folder) => profile !== "" && folder.toLowerCase().startsWith(profile));
  const seven = modules.some((folder) => /[\\/]powershell[\\/](7|modules)/i.test(folder) && !/windowspowershell/i.test(folder));
  if (seven) return "powershell";
  if (inProfile) return "windows-powershell";
  return "cmd";
}
