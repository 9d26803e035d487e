"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** The big "Scan" button; while a scan runs it is disabled and counts the seconds. */
export function ScanButton({ running, onScan }: { running: boolean; onScan: () => void }) {
  const [seconds, setSeconds] = useState(0);

  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const t = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => {
      clearInterval(t);
      setSeconds(0);
    };
  }, [running]);

  return (
    <div className="flex flex-col items-end gap-1">
      <Button data-testid="scan-button" variant="primary" size="lg" className="min-w-32" onClick={onScan} disabled={running} aria-busy={running}>
        {running ? <Spinner className="size-4" /> : null}
        {running ? "Scanning…" : "Scan"}
      </Button>
      <p aria-live="polite" className="h-4 text-xs text-slate-500">
        {running ? `Connecting over SSH and reading the process table… ${seconds} s` : ""}
      </p>
    </div>
  );
}
