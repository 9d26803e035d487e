"use client";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** The big "Scan" button; disabled while a scan runs (ScanProgress tells how long it has taken). */
export function ScanButton({ running, onScan }: { running: boolean; onScan: () => void }) {
  return (
    <Button data-testid="scan-button" variant="primary" size="lg" className="min-w-32" onClick={onScan} disabled={running} aria-busy={running}>
      {running ? <Spinner className="size-4" /> : null}
      {running ? "Scanning…" : "Scan"}
    </Button>
  );
}
