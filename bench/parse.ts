// Bench: parseScanOutput over a generated 50,000-process scan output (tests/fixtures/procs).
// Run directly with `npx tsx bench/parse.ts`; run with `node --expose-gc` (tsx passes it on) for
// steadier heap figures.
import { parseScanOutput } from "@/lib/procs/parse-scan";
import { syntheticScan } from "@/tests/fixtures/procs/synthetic-scan";

const PROCESSES = 50_000;
const WARMUP = 3;
const RUNS = 15;

export async function benchParse(): Promise<{ medianMs: number; peakHeapMb: number; runs: number; processes: number }> {
  const { stdout, commands } = syntheticScan(PROCESSES);
  for (let i = 0; i < WARMUP; i++) parseScanOutput(stdout, commands);
  const times: number[] = [];
  let peakHeap = 0;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const result = parseScanOutput(stdout, commands);
    times.push(performance.now() - t0);
    // What the parse holds on to at its end: its result and whatever garbage is not collected yet.
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before);
    if (!result.ok) throw new Error(result.error.message);
    // Yield so timers and GC can run between runs, as they would between scans.
    await new Promise((r) => setImmediate(r));
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return {
    medianMs: Math.round((times[mid] ?? 0) * 10) / 10,
    peakHeapMb: Math.round((peakHeap / 2 ** 20) * 10) / 10,
    runs: RUNS,
    processes: PROCESSES,
  };
}

// Run directly (not imported): print the figures. The repo's package is CommonJS, so no top-level await.
if (process.argv[1]?.endsWith("bench/parse.ts")) {
  void benchParse().then((r) => {
    console.log(`parseScanOutput, ${r.processes.toLocaleString("en-US")} processes: median ${r.medianMs} ms over ${r.runs} runs, peak heap +${r.peakHeapMb} MB`);
  });
}
