import { z } from "zod";

/** The most servers one fleet scan request may name (the whole fleet needs no list: leave it out). */
export const MAX_FLEET_SCAN_SERVERS = 10_000;

export const fleetScanRequestSchema = z.object({
  serverIds: z
    .array(z.string("must be a list of server ids").regex(/^[A-Za-z0-9_-]{1,100}$/, "must be server ids as the server list gives them"), "must be a list of server ids")
    .min(1, "must name at least one server; leave it out to scan every server")
    .max(MAX_FLEET_SCAN_SERVERS, `must name at most ${MAX_FLEET_SCAN_SERVERS} servers; leave it out to scan every server`)
    .optional(),
});
