import { z } from "zod";
import { canonicalIpv4 } from "@/lib/shared/net/ipv4-forms";
import { scanIntervalSchema } from "@/lib/shared/schemas/scan-interval";
import { nameSchema } from "@/lib/shared/schemas/text";

// Hosts and usernames never reach a shell (ssh2 takes them as data), but they are still held
// to their real grammar so a pasted "-oProxyCommand=…" or "a; rm" is refused with a reason.
const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;
const USERNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
// zod's own address grammars, so this module stays free of Node built-ins (the forms use it too).
const IP_ADDRESS = z.union([z.ipv4(), z.ipv6()]);

export const hostSchema = z
  .string()
  .trim()
  .min(1, "is required: a host name or IP address")
  .refine((h) => IP_ADDRESS.safeParse(h).success || HOSTNAME.test(h), {
    message: "must be a host name (letters, digits, dots, hyphens; not starting with '-') or an IP address, without spaces or shell characters",
  })
  // `0x7f000001` is reached as 127.0.0.1: stored (and checked against the allowed networks) so.
  .transform((h) => canonicalIpv4(h) ?? h);

export const fingerprintSchema = z
  .string()
  .trim()
  .regex(FINGERPRINT, "must be OpenSSH's SHA256 form, e.g. SHA256:abc…(43 characters), as `ssh-keygen -lf` prints it");

const fields = {
  name: nameSchema(),
  host: hostSchema,
  port: z.number().int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535"),
  username: z.string().trim().regex(USERNAME, "must be a Unix user name (letters, digits, '_', '.', '-'; not starting with '-')"),
  privateKey: z.string().max(32_768, "is too long for a private key").refine((k) => /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(k), {
    message: "must be a private key in PEM or OpenSSH format (-----BEGIN … PRIVATE KEY-----)",
  }),
  passphrase: z.string().max(1024, "must be at most 1024 characters"),
  password: z.string().min(1, "must not be empty").max(1024, "must be at most 1024 characters"),
  hostKeyFingerprint: fingerprintSchema.nullable(),
  accountId: z.string().min(1).max(64).nullable(),
  useSudo: z.boolean(),
  // The chain rules (another saved server, two jumps at most, no cycle) need the store: servers/jump-chain.ts.
  scanIntervalMinutes: scanIntervalSchema,
  jumpServerId: z.string("must be the id of another saved server, or null").min(1, "must be the id of another saved server, or null").max(64, "is not a server id").nullable(),
};

export const createServerSchema = z
  .object({
    ...fields,
    port: fields.port.default(22),
    privateKey: fields.privateKey.optional(),
    passphrase: fields.passphrase.optional(),
    password: fields.password.optional(),
    hostKeyFingerprint: fields.hostKeyFingerprint.optional(),
    accountId: fields.accountId.optional(),
    useSudo: fields.useSudo.default(false),
    jumpServerId: fields.jumpServerId.optional(),
    scanIntervalMinutes: fields.scanIntervalMinutes.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.privateKey && !v.password) {
      ctx.addIssue({ code: "custom", path: ["privateKey"], message: "is required (or a password): Reaper needs a way to log in" });
    }
    if (v.privateKey && v.password) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "must be left out when a private key is given: choose one way to log in" });
    }
  });

export const updateServerSchema = z
  .object({
    name: fields.name,
    host: fields.host,
    port: fields.port,
    username: fields.username,
    privateKey: fields.privateKey,
    passphrase: fields.passphrase,
    password: fields.password,
    hostKeyFingerprint: fields.hostKeyFingerprint,
    accountId: fields.accountId,
    useSudo: fields.useSudo,
    jumpServerId: fields.jumpServerId,
    scanIntervalMinutes: fields.scanIntervalMinutes,
  })
  .partial()
  .strict()
  .superRefine((v, ctx) => {
    if (v.privateKey && v.password) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "must be left out when a private key is given: choose one way to log in" });
    }
  });

export type CreateServerInput = z.infer<typeof createServerSchema>;
export type UpdateServerInput = z.infer<typeof updateServerSchema>;
