import { mkdir, readFile } from "node:fs/promises";
import { run, sleep } from "@/lab/run";

/** Lab-only credentials for a throwaway account on a test machine; never reuse them elsewhere. */
export const PASSWORD_USER = { username: "reaperlab", password: "reaper-lab-only-pw" } as const;
const PASSWORD_USER_HOME = "/var/lib/reaperlab";

function passwdHas(passwd: string, user: string): boolean {
  return passwd.split("\n").some((line) => line.startsWith(`${user}:`));
}

async function createUser(): Promise<void> {
  if (passwdHas(await readFile("/etc/passwd", "utf8"), PASSWORD_USER.username)) return;
  const made = await run("useradd", ["--system", "--create-home", "--home-dir", PASSWORD_USER_HOME, "--shell", "/bin/sh", PASSWORD_USER.username]);
  // Exit 9 = the name exists: another test worker created it meanwhile.
  if (made.code !== 0 && made.code !== 9) throw new Error(`useradd ${PASSWORD_USER.username}: ${made.stderr.trim()}`);
}

async function setPassword(): Promise<void> {
  // chpasswd fails while another process holds the shadow lock (parallel test workers).
  for (let attempt = 1; ; attempt++) {
    const result = await run("chpasswd", [], { input: `${PASSWORD_USER.username}:${PASSWORD_USER.password}\n` });
    if (result.code === 0) return;
    if (attempt === 10) throw new Error(`chpasswd: ${result.stderr.trim()}`);
    await sleep(20 * attempt);
  }
}

/** The uid and gid of an account in the host's /etc/passwd (the lab's copy has the same numbers). */
export async function accountIds(username: string): Promise<{ uid: number; gid: number }> {
  const line = (await readFile("/etc/passwd", "utf8")).split("\n").find((l) => l.startsWith(`${username}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (!uid || !gid || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) throw new Error(`no account ${username} in /etc/passwd`);
  return { uid: Number(uid), gid: Number(gid) };
}

let ensured: Promise<void> | undefined;

/** Creates the password account once (idempotent across processes) and sets its known password once per process. */
export function ensurePasswordUser(): Promise<void> {
  ensured ??= createUser().then(setPassword);
  ensured.catch(() => {
    ensured = undefined;
  });
  return ensured;
}

/**
 * The namespace's own /etc/passwd (bind-mounted there, the host's file is untouched): root gets an
 * empty home so the host's /root/.bashrc (pyenv, cargo: ~40 ms and extra processes on every exec)
 * does not run in lab sessions, and both accounts get the toolset's login shell.
 */
export async function labPasswd(rootHome: string, loginShell: string): Promise<string> {
  await mkdir(rootHome, { recursive: true });
  const passwordUserShell = loginShell === "/bin/bash" ? "/bin/sh" : loginShell;
  const lines = (await readFile("/etc/passwd", "utf8")).split("\n").map((line) => {
    const fields = line.split(":");
    if (fields.length !== 7) return line;
    if (fields[0] === "root") return [...fields.slice(0, 5), rootHome, loginShell].join(":");
    if (fields[0] === PASSWORD_USER.username) return [...fields.slice(0, 6), passwordUserShell].join(":");
    return line;
  });
  return lines.join("\n");
}
