import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { runOk, type Env } from "@/lab/run";
import { freePort } from "@/lab/sshd";

// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` binaries run
// by hand (the packaged cluster needs systemd), in a temp dir, on a free loopback port, as the
// `postgres` user when we are root (PostgreSQL refuses to run as root). Durability is switched
// off: the cluster lives for one run and is deleted with it.
export type PostgresCluster = {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = (() => {
    try {
      return readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    } catch {
      return [];
    }
  })();
  if (versions[0] === undefined) throw new Error("PostgreSQL is not installed: run `bash scripts/install-system-deps.sh` (as root).");
  return path.join(root, versions[0], "bin");
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL program as the user the cluster belongs to. */
function asOwner(program: string, args: string[]): Promise<string> {
  const env: Env = { PATH: "/usr/sbin:/usr/bin:/bin", LANG: "C.UTF-8" };
  const file = path.join(binDir(), program);
  return isRoot() ? runOk("runuser", ["-u", "postgres", "--", file, ...args], { env }) : runOk(file, args, { env });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "reaper-pg-"));
  if (isRoot()) {
    const { uid, gid } = await ownerIds();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  await asOwner("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200"];
  await asOwner("pg_ctl", ["-D", data, "-o", options.join(" "), "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await asOwner("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ownerIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([runOk("id", ["-u", "postgres"]), runOk("id", ["-g", "postgres"])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

const DUPLICATE_DATABASE = "42P04";

/** The database `name` on the cluster (lower-case letters, digits and _), created when missing; answers its URL. */
export async function databaseOn(clusterUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`).catch((e: unknown) => {
      if ((e as { code?: string }).code !== DUPLICATE_DATABASE) throw e;
    });
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
