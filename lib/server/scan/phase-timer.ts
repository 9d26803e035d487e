// Where one scan's time went, phase by phase, for its `scan.done` log line: bench/scan-phases.ts
// reads them from there to tell the remote part from parsing, storing and alerting.

export class PhaseTimer {
  private last = performance.now();
  readonly ms: Record<string, number> = {};

  /** Ends the phase running since the last lap (or the start) under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.ms[`${name}Ms`] = Math.round((now - this.last) * 10) / 10;
    this.last = now;
  }
}
