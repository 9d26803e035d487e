// Many lab servers at once, for the fleet tests, `npm run bench:fleet` and the bigger demo
// (`npx tsx lab/cli.ts fleet N`). Each is a full lab server: its own sshd, PID namespace and zombies.
import { startLabServer } from "@/lab/server";
import type { LabScenario, LabServer } from "@/lab/types";

export type LabFleet = { servers: LabServer[]; stop(): Promise<void> };

export type LabFleetOptions = {
  /** Names are `${prefix}-001`, `${prefix}-002`, ... */
  prefix?: string;
  /** Servers started at once: each start runs ssh-keygen and forks the scenario, CPU the machine shares. */
  concurrency?: number;
  /** The scenario of server i (from 0); by default a varied fleet (see fleetScenario). */
  scenario?: (i: number) => LabScenario;
  /** Called as each server is up, e.g. to print progress. */
  onStarted?: (server: LabServer, started: number) => void;
};

/**
 * A fleet that looks like a hosting company's: most servers calm with a zombie or two, every tenth
 * leaking (over a hundred zombies, at risk by the default thresholds), every seventh with a few.
 */
export function fleetScenario(i: number): LabScenario {
  if (i % 10 === 9) return { parents: [{ comm: "php-fpm", zombies: 110 + (i % 7) }] };
  if (i % 7 === 6) return { parents: [{ comm: "httpd", zombies: 8 }, { comm: "cron", zombies: 2 }] };
  return { parents: [{ comm: "httpd", zombies: i % 3 }] };
}

/** Starts `count` lab servers; if any fails to start, the ones already up are stopped and the error thrown. */
export async function startLabFleet(count: number, opts: LabFleetOptions = {}): Promise<LabFleet> {
  const prefix = opts.prefix ?? "fleet";
  const servers: LabServer[] = [];
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < count) {
      const i = next++;
      try {
        const server = await startLabServer({ name: `${prefix}-${String(i + 1).padStart(3, "0")}`, scenario: (opts.scenario ?? fleetScenario)(i) });
        servers.push(server);
        opts.onStarted?.(server, servers.length);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 6, count)) }, worker));
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  };
  if (failure !== null) {
    await stop();
    throw failure;
  }
  servers.sort((a, b) => a.name.localeCompare(b.name));
  return { servers, stop };
}
