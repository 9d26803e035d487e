// Starts lab servers for manual checks; Ctrl-C stops them.
//   npx tsx lab/cli.ts                       the demo servers, one of each scenario
//   npx tsx lab/cli.ts fleet 100             a fleet of 100 (lab/fleet.ts), for the fleet page
//   npx tsx lab/cli.ts fleet 100 --register http://127.0.0.1:3000
//                                            ... and adds each to a running Reaper as the admin
//                                            (REAPER_ADMIN_EMAIL / REAPER_ADMIN_PASSWORD)
import { DEMO_SCENARIOS } from "@/lab/demo-scenarios";
import { startLabFleet } from "@/lab/fleet";
import { startLabServer } from "@/lab/server";
import type { LabServer } from "@/lab/types";

const servers: LabServer[] = [];

function describe(server: LabServer, ms?: number): string {
  return `${server.name}  ssh root@${server.host} -p ${server.port}  ${server.hostKeyFingerprint}  init ${server.initPid}  zombies ${server.expected.zombies}${ms === undefined ? "" : `  (${ms} ms)`}`;
}

async function demo(): Promise<void> {
  for (const d of DEMO_SCENARIOS) {
    const started = Date.now();
    const server = await startLabServer(d.options);
    servers.push(server);
    console.log(describe(server, Date.now() - started));
  }
  const first = servers[0];
  if (first) console.log(`password login: ${first.passwordUser.username} / ${first.passwordUser.password} (lab-only)`);
}

/** Adds the fleet's servers to a running Reaper through its API, as an admin would. */
async function register(base: string, fleet: LabServer[]): Promise<void> {
  const email = process.env.REAPER_ADMIN_EMAIL;
  const password = process.env.REAPER_ADMIN_PASSWORD;
  if (!email || !password) throw new Error("--register needs REAPER_ADMIN_EMAIL and REAPER_ADMIN_PASSWORD of that Reaper's admin");
  const origin = new URL(base).origin;
  const login = await fetch(`${origin}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ email, password }) });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("reaper_session="))?.split(";")[0];
  if (!login.ok || !cookie) throw new Error(`logging in to ${origin} answered ${login.status}`);
  for (const s of fleet) {
    const res = await fetch(`${origin}/api/servers`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, cookie },
      body: JSON.stringify({ name: s.name, host: s.host, port: s.port, username: s.username, privateKey: s.privateKey, hostKeyFingerprint: s.hostKeyFingerprint }),
    });
    if (res.status !== 201) throw new Error(`adding ${s.name} answered ${res.status}: ${await res.text()}`);
  }
  console.log(`added ${fleet.length} servers to ${origin}: open ${origin}/fleet`);
}

async function fleet(args: string[]): Promise<void> {
  const count = Number(args[0] ?? "100");
  if (!Number.isInteger(count) || count < 1 || count > 2000) throw new Error("fleet COUNT: a whole number of servers, 1-2000");
  const started = Date.now();
  const f = await startLabFleet(count, { onStarted: (s, n) => console.log(`${String(n).padStart(4)}/${count}  ${describe(s)}`) });
  servers.push(...f.servers);
  console.log(`${count} lab servers up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const at = args.indexOf("--register");
  if (at >= 0) await register(args[at + 1] ?? "http://127.0.0.1:3000", f.servers);
}

async function main(): Promise<void> {
  let stopping = false;
  const stopAll = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${servers.length} lab server(s)`);
    await Promise.all(servers.map((server) => server.stop()));
    process.exit(0);
  };
  process.on("SIGINT", () => void stopAll("SIGINT"));
  process.on("SIGTERM", () => void stopAll("SIGTERM"));
  // The lab's child processes are unref'd; this keeps the CLI alive until a signal.
  setInterval(() => undefined, 1 << 30);
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "fleet") await fleet(rest);
  else await demo();
  console.log("Ctrl-C to stop");
}

main().catch(async (error: unknown) => {
  console.error(error);
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  process.exit(1);
});
