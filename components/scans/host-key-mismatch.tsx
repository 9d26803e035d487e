"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import type { Role } from "@/lib/shared/auth/types";
import { postHostKey } from "@/lib/client/use-server";

type Props = {
  serverId: string;
  message: string;
  pinned: string | null;
  presented: string | null;
  role: Role;
  onScanAgain: () => void;
};

const VERIFY = "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub";

function KeyBox({ label, value, tone }: { label: string; value: string | null; tone: string }) {
  return (
    <div className={`min-w-0 rounded-md border bg-white px-3 py-2 ${tone}`}>
      <div className="text-xs font-medium text-slate-600">{label}</div>
      <code className="mt-0.5 block font-mono text-xs break-all text-slate-900">{value ?? "unknown"}</code>
    </div>
  );
}

/** The server's host key changed: both fingerprints, what it may mean, and (staff) re-pinning. */
export function HostKeyMismatch({ serverId, message, pinned, presented, role, onScanAgain }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [pinnedNow, setPinnedNow] = useState(false);
  const mayPin = (role === "admin" || role === "agent") && presented !== null;

  if (pinnedNow) {
    return (
      <Callout tone="success" title="New host key pinned" data-testid="scan-error">
        <p>Reaper now trusts {presented} for this server. The change is recorded in the audit log.</p>
        <Button variant="primary" className="mt-2" onClick={onScanAgain}>
          Scan again
        </Button>
      </Callout>
    );
  }

  return (
    <div data-testid="scan-error" role="alert" className="space-y-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-950">
      <div>
        <h2 className="font-semibold">The server&apos;s host key changed. Nothing was run.</h2>
        <p className="mt-1 text-sm">{message}</p>
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        <KeyBox label="Pinned (what Reaper trusts)" value={pinned} tone="border-slate-300" />
        <KeyBox label="Presented now (what the server showed)" value={presented} tone="border-red-400" />
      </div>
      <div className="space-y-1 text-sm">
        <p>
          A host key is how the server proves it is the same machine as before. It changes legitimately when the server was reinstalled or its SSH keys
          were rotated. It also changes when someone is intercepting the connection, and then they could read the login secret.
        </p>
        <p>
          Do not trust the new key until its owner confirms it: ask them to run this on the server (through its console, not over this connection) and read
          the fingerprint back to you.
        </p>
      </div>
      <div className="flex items-center gap-2">
        <code className="rounded bg-slate-900 px-3 py-1.5 font-mono text-xs text-slate-100">{VERIFY}</code>
        <CopyButton text={VERIFY} />
      </div>
      {mayPin ? (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Pin the new key
        </Button>
      ) : (
        <p className="text-sm">Only support staff can pin a new key. Ask your support contact to verify the change.</p>
      )}
      {confirming && presented ? (
        <ConfirmDialog
          title="Pin the new host key?"
          confirmLabel="Pin the new key"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await postHostKey(serverId, presented);
            setConfirming(false);
            setPinnedNow(true);
          }}
        >
          <p>Only do this after the server&apos;s owner confirmed that the server now presents:</p>
          <code className="block rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all">{presented}</code>
          <p>From then on Reaper refuses the old key. The change is recorded in the audit log with your name.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
