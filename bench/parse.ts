// Bench: parseScanOutput over a generated 50,000-process scan output, next to a bare baseline
// in the same run: splitting the same text into lines and fields, the least any parser must do.
import { median } from "@/bench/stats";
import { parseScanOutput } from "@/lib/server/scan/parse/parse-scan";
import { syntheticScan } from "@/tests/fixtures/procs/synthetic-scan";

const PROCESSES = 50_000;
// The app parses scans all its life: the figure is the steady state, after the JIT has settled
// (three rounds were not enough: the first run in a process read up to 1.3x, later ones 1.0-1.2x).
const WARMUP = 10;
const RUNS = 15;

export type ParseFigures = { medianMs: number; baselineMs: number; heapMb: number; runs: number; processes: number };

function bareSplit(text: string): number {
  let fields = 0;
  for (const line of text.split("\n")) fields += line.split(" ").length;
  return fields;
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function benchParse(): Promise<ParseFigures> {
  const { stdout, commands } = syntheticScan(PROCESSES);
  for (let i = 0; i < WARMUP; i++) {
    parseScanOutput(stdout, commands);
    bareSplit(stdout);
  }
  const times: number[] = [];
  const baseline: number[] = [];
  let heap = 0;
  for (let i = 0; i < RUNS; i++) {
    baseline.push(timed(() => bareSplit(stdout)));
    const before = process.memoryUsage().heapUsed;
    let result: ReturnType<typeof parseScanOutput> | undefined;
    times.push(timed(() => (result = parseScanOutput(stdout, commands))));
    // Heap grown over the parse: its result plus garbage not yet collected.
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
    if (!result?.ok) throw new Error("the synthetic scan did not parse");
    await new Promise((r) => setImmediate(r));
  }
  return { medianMs: median(times), baselineMs: median(baseline), heapMb: heap / 2 ** 20, runs: RUNS, processes: PROCESSES };
}
