import "server-only";
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AppError } from "@/lib/shared/errors/app-error";
import { env } from "@/lib/server/env";

// Where Reaper may open SSH connections: inside REAPER_ALLOWED_NETWORKS when it is set, and never
// to a cloud metadata service unless a listed network holds it. Checked when a server is saved
// (services call checkHostAllowed) and again on every connection (openTcp's lookup), so a name
// that later resolves elsewhere, or a server saved before the list was set, is refused too.

/** AWS, GCP, Azure, OpenStack, DigitalOcean (IPv4) and AWS's IPv6 metadata endpoint. */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254"]);

let allowList: BlockList | null | undefined;

function allowed(): BlockList | null {
  if (allowList !== undefined) return allowList;
  const networks = env().REAPER_ALLOWED_NETWORKS;
  if (networks === null) return (allowList = null);
  allowList = new BlockList();
  for (const n of networks) allowList.addSubnet(n.address, n.prefix, n.type);
  return allowList;
}

/** "::ffff:127.0.0.1" is 127.0.0.1: checked as the IPv4 address it is. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** Why Reaper may not connect to this IP address ("is outside …"); null when it may. */
function addressRefusal(address: string): string | null {
  const list = allowed();
  if (list) {
    if (list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4")) return null;
    return "is outside the networks servers may be in (REAPER_ALLOWED_NETWORKS). Use an address inside them, or ask whoever runs Reaper to add its network.";
  }
  if (METADATA.has(address)) return "is a cloud metadata service, not a server. Reaper connects to it only when REAPER_ALLOWED_NETWORKS lists it.";
  return null;
}

/** VALIDATION naming `host` when Reaper may not connect to `ip` (reached by the name `via`). */
export function refusalOf(ip: string, via?: string): AppError | null {
  const address = plain(ip);
  const reason = addressRefusal(address);
  if (reason === null) return null;
  const what = via && via !== ip ? `${via} resolves to ${address}, which` : address;
  return new AppError("VALIDATION", `host: ${what} ${reason}`, { field: "host" });
}

function lookupAll(host: string): Promise<string[] | null> {
  return new Promise((resolve) => dns.lookup(host, { all: true }, (err, addresses) => resolve(err ? null : addresses.map((a) => a.address))));
}

/**
 * VALIDATION (naming `host`) when a server's host may not be connected to: an address outside the
 * allowed networks, or a name that resolves to one. A name behind a jump host is resolved by the
 * jump host, so only an address is checked then. Resolving sends nothing to the host itself.
 */
export async function checkHostAllowed(host: string, viaJump: boolean): Promise<void> {
  if (isIP(host)) {
    const refusal = refusalOf(host);
    if (refusal) throw refusal;
    return;
  }
  if (viaJump) return;
  const addresses = await lookupAll(host);
  if (addresses === null) {
    if (allowed()) throw new AppError("VALIDATION", `host: ${host} does not resolve here, so it cannot be checked against REAPER_ALLOWED_NETWORKS. Check the name, or use an IP address.`, { field: "host" });
    return;
  }
  for (const a of addresses) {
    const refusal = refusalOf(a, host);
    if (refusal) throw refusal;
  }
}

/** For net.connect: resolves as usual, then refuses (before connecting) an address not allowed. */
export const allowedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const refusal = addresses.map((a) => refusalOf(a.address, hostname)).find((r) => r !== null);
    // net hands this error to the socket's "error" event, where openTcp passes an AppError on as it is.
    if (refusal) return callback(refusal as unknown as NodeJS.ErrnoException, "");
    const first = addresses[0];
    if (options.all) return callback(null, addresses);
    return callback(null, first?.address ?? "", first?.family);
  });
};
