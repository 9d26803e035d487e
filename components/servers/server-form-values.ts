// What the server form holds, and how it becomes the body of POST or PATCH /api/servers.
// Secrets are never prefilled (the API never returns them): empty on edit means "keep".
import type { UpdateServerInput } from "@/lib/shared/schemas/server";
import type { Server } from "@/lib/shared/servers/types";
import type { NewServer } from "@/lib/client/use-servers";

export type AuthType = Server["authType"];

export type ServerFormValues = {
  name: string;
  host: string;
  port: string;
  username: string;
  authType: AuthType;
  privateKey: string;
  passphrase: string;
  password: string;
  hostKeyFingerprint: string;
  useSudo: boolean;
  /** The jump host's server id; "" for a direct connection. */
  jumpServerId: string;
  /** The customer account it belongs to; "" for an internal server. */
  accountId: string;
};

export type FieldName = keyof ServerFormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;
type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

export function initialValues(server?: Server): ServerFormValues {
  return {
    name: server?.name ?? "",
    host: server?.host ?? "",
    port: String(server?.port ?? 22),
    username: server?.username ?? "",
    authType: server?.authType ?? "key",
    privateKey: "",
    passphrase: "",
    password: "",
    hostKeyFingerprint: server?.hostKeyFingerprint ?? "",
    useSudo: server?.useSudo ?? false,
    jumpServerId: server?.jumpServerId ?? "",
    accountId: server?.accountId ?? "",
  };
}

function parsePort(port: string): number | null {
  const t = port.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 65535 ? n : null;
}

/** The secrets to send: the chosen way to log in, only what was typed. */
function secrets(v: ServerFormValues): Pick<NewServer, "privateKey" | "passphrase" | "password"> {
  if (v.authType === "password") return v.password ? { password: v.password } : {};
  return { ...(v.privateKey.trim() && { privateKey: v.privateKey }), ...(v.passphrase && { passphrase: v.passphrase }) };
}

export function buildCreateBody(v: ServerFormValues): Built<NewServer> {
  const port = parsePort(v.port);
  const errors: FieldErrors = {};
  if (port === null) errors.port = "must be a whole number from 1 to 65535";
  if (v.authType === "key" && !v.privateKey.trim()) errors.privateKey = "is required: paste the private key Reaper logs in with";
  if (v.authType === "password" && !v.password) errors.password = "is required";
  if (Object.keys(errors).length > 0 || port === null) return { ok: false, errors };
  const fingerprint = v.hostKeyFingerprint.trim();
  return {
    ok: true,
    body: {
      name: v.name,
      host: v.host,
      port,
      username: v.username,
      useSudo: v.useSudo,
      ...(fingerprint && { hostKeyFingerprint: fingerprint }),
      ...(v.jumpServerId && { jumpServerId: v.jumpServerId }),
      ...(v.accountId && { accountId: v.accountId }),
      ...secrets(v),
    },
  };
}

/** Only the fields that differ from `server`; switching the way to log in needs the new secret. */
export function buildPatchBody(v: ServerFormValues, server: Server): Built<UpdateServerInput> {
  const port = parsePort(v.port);
  if (port === null) return { ok: false, errors: { port: "must be a whole number from 1 to 65535" } };
  const switched = v.authType !== server.authType;
  if (switched && v.authType === "key" && !v.privateKey.trim()) return { ok: false, errors: { privateKey: "is required to switch this server to key login" } };
  if (switched && v.authType === "password" && !v.password) return { ok: false, errors: { password: "is required to switch this server to password login" } };
  const fingerprint = v.hostKeyFingerprint.trim() || null;
  const body: UpdateServerInput = {
    ...(v.name.trim() !== server.name && { name: v.name }),
    ...(v.host.trim() !== server.host && { host: v.host }),
    ...(port !== server.port && { port }),
    ...(v.username.trim() !== server.username && { username: v.username }),
    ...(v.useSudo !== server.useSudo && { useSudo: v.useSudo }),
    ...(fingerprint !== server.hostKeyFingerprint && { hostKeyFingerprint: fingerprint }),
    ...((v.jumpServerId || null) !== server.jumpServerId && { jumpServerId: v.jumpServerId || null }),
    ...((v.accountId || null) !== server.accountId && { accountId: v.accountId || null }),
    ...secrets(v),
  };
  return { ok: true, body };
}

/** "port: must be 1-65535" → "must be 1-65535" when shown next to the port field. */
export function fieldMessage(field: string, message: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

export function isFieldName(v: string | null): v is FieldName {
  return v !== null && v in initialValues();
}
