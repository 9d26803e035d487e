// Adds a lab server to the real built app and scans it through the API, as an agent's browser does.
import type { LabServer } from "@/lab";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import type { ApiClient } from "@/tests/support/api-client";

/**
 * The stored scan once its details step (which runs after the scan answered) has landed. Polls, as
 * the page does; fails the test when the step never settles.
 */
export async function settledScan(api: ApiClient, scan: Scan, timeoutMs = 30_000): Promise<Scan> {
  const deadline = Date.now() + timeoutMs;
  for (let current = scan; ; ) {
    if (!current.psPending && !current.pstreePending) return current;
    if (Date.now() > deadline) throw new Error(`the details step of scan ${scan.id} did not settle within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    const res = await api.call<Scan>("GET", `/api/scans/${scan.id}`);
    if (res.status !== 200) throw new Error(`reading scan ${scan.id} answered ${res.status}`);
    current = res.body;
  }
}

/** Adds the lab server, scans it, and returns the stored scan with its details step settled. */
export async function scanLab(api: ApiClient, lab: LabServer): Promise<Scan> {
  const added = await api.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
  if (added.status !== 201) throw new Error(`adding ${lab.name} answered ${added.status}: ${JSON.stringify(added.body)}`);
  const scanned = await api.call<Scan>("POST", `/api/servers/${added.body.id}/scans`);
  if (scanned.status !== 201) throw new Error(`scanning ${lab.name} answered ${scanned.status}: ${JSON.stringify(scanned.body)}`);
  return settledScan(api, scanned.body);
}
