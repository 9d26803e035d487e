// Adds a lab server to the real built app and scans it through the API, as an agent's browser does.
import type { LabServer } from "@/lab";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import type { ApiClient } from "@/tests/support/api-client";

export async function scanLab(api: ApiClient, lab: LabServer): Promise<Scan> {
  const added = await api.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
  if (added.status !== 201) throw new Error(`adding ${lab.name} answered ${added.status}: ${JSON.stringify(added.body)}`);
  const scanned = await api.call<Scan>("POST", `/api/servers/${added.body.id}/scans`);
  if (scanned.status !== 201) throw new Error(`scanning ${lab.name} answered ${scanned.status}: ${JSON.stringify(scanned.body)}`);
  return scanned.body;
}
