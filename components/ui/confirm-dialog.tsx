"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";

/** Asks before something that cannot be undone; shows the failure inside if `onConfirm` throws. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work. Try again.");
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="space-y-3 text-sm text-slate-700">{children}</div>
      {error ? (
        <Callout tone="error" className="mt-3">
          {error}
        </Callout>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant={danger ? "danger" : "primary"} onClick={() => void confirm()} disabled={busy}>
          {busy ? <Spinner className="size-3.5" /> : null}
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
