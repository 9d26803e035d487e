"use client";

import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

/** Shown while a scan runs: what is happening and for how long. Mount it only while running. */
export function ScanProgress({ serverName }: { serverName: string }) {
  const [seconds, setSeconds] = useState(0);

  useEffect(() => {
    const started = Date.now();
    const t = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(t);
  }, []);

  return (
    <div role="status" className="overflow-hidden rounded-lg border border-blue-200 bg-blue-50 text-blue-950">
      <div className="flex items-center gap-3 px-4 py-3">
        <Spinner className="size-4 text-blue-700" />
        <div>
          <p className="font-medium">Scanning {serverName}…</p>
          <p className="text-xs text-blue-900/80">Connecting over SSH and reading the process table once. Nothing on the server is changed. {seconds} s</p>
        </div>
      </div>
      <div className="h-0.5 w-full bg-blue-100">
        <div className="h-full w-1/3 animate-pulse bg-blue-500" />
      </div>
    </div>
  );
}
