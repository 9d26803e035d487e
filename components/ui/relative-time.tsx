"use client";

import { useSyncExternalStore } from "react";
import { formatRelative, formatUtc } from "@/lib/shared/format/time";

// One shared clock ticking every 30 s. The server render (and hydration) shows the absolute UTC
// time, so the markup matches; the browser then switches to "5 min ago" with the UTC time as title.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const clientNow = () => now;
const serverNow = () => null;

export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const current = useSyncExternalStore(subscribe, clientNow, serverNow);
  const absolute = formatUtc(iso);
  return (
    <time dateTime={iso} title={absolute} className={className}>
      {current === null ? absolute : formatRelative(iso, Math.max(current, Date.parse(iso)))}
    </time>
  );
}
