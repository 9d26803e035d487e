// Reads the limits step: per top user's PID, the "Max processes" line of /proc/PID/limits
// ("Max processes             63704                63704                processes").

/** The soft limit; null for "unlimited"; undefined when the line is missing or unreadable. */
export function maxProcessesSoftLimit(body: string): number | null | undefined {
  for (const line of body.split("\n")) {
    if (!line.startsWith("Max processes")) continue;
    const soft = line.slice("Max processes".length).trim().split(/\s+/, 1)[0] ?? "";
    if (soft === "unlimited") return null;
    return /^\d+$/.test(soft) ? Number(soft) : undefined;
  }
  return undefined;
}
