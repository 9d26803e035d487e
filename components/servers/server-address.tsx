import type { Server } from "@/lib/shared/servers/types";

/** `username@host:port` in monospace (IPv6 hosts in brackets). */
export function ServerAddress({ server, className = "" }: { server: Pick<Server, "username" | "host" | "port">; className?: string }) {
  const host = server.host.includes(":") ? `[${server.host}]` : server.host;
  return <span className={`font-mono text-xs text-slate-700 ${className}`}>{`${server.username}@${host}:${server.port}`}</span>;
}
