"use client";

import { HostKeyMismatch } from "@/components/scans/host-key-mismatch";
import { Callout } from "@/components/ui/callout";
import type { Role } from "@/lib/shared/auth/types";
import { isApiError } from "@/lib/client/fetcher";

// What to try next, per error code; the API's message says what happened.
const HINTS: Record<string, { title: string; hint: string }> = {
  SSH_UNREACHABLE: {
    title: "Reaper could not reach the server",
    hint: "Check the host and port (Edit), that the server is up, and that its firewall lets Reaper reach the SSH port.",
  },
  SSH_TIMEOUT: {
    title: "The server did not answer in time",
    hint: "It may be overloaded or a firewall may be dropping the connection. Try again in a minute; if it keeps happening, check the server's console.",
  },
  SSH_AUTH_FAILED: {
    title: "The server refused Reaper's login",
    hint: "Check the username and the key or password (Edit). For a key, its public half must be in that user's ~/.ssh/authorized_keys on the server.",
  },
  COMMAND_FAILED: {
    title: "A command failed on the server",
    hint: "Reaper logged in but could not read the process table. If \"Use sudo\" is on, the user needs passwordless sudo; see the message for which command failed.",
  },
  NOT_FOUND: { title: "This server no longer exists", hint: "It may have been deleted. Go back to the server list." },
  FORBIDDEN: { title: "Not allowed", hint: "Your role may not do this. Ask an admin." },
  NETWORK: { title: "Reaper's dashboard could not be reached", hint: "Check your connection, then try again." },
};

type Props = { error: unknown; serverId: string; role: Role; onScanAgain: () => void };

/** A failed scan, in words that say what to do next. */
export function ScanError({ error, serverId, role, onScanAgain }: Props) {
  const message = error instanceof Error ? error.message : "The scan failed.";
  if (isApiError(error) && error.code === "HOST_KEY_MISMATCH") {
    return (
      <HostKeyMismatch
        serverId={serverId}
        message={message}
        pinned={error.detail("pinned")}
        presented={error.detail("presented")}
        role={role}
        onScanAgain={onScanAgain}
      />
    );
  }
  const known = isApiError(error) ? HINTS[error.code] : undefined;
  return (
    <Callout tone="error" data-testid="scan-error" title={known?.title ?? "The scan failed"}>
      <p>{message}</p>
      <p className="mt-1 text-red-900/80">{known?.hint ?? "Try again; if it keeps failing, report the message above."}</p>
      {isApiError(error) ? <p className="mt-1 font-mono text-[11px] text-red-900/60">{error.code}</p> : null}
    </Callout>
  );
}
