// npm run bench: every figure next to a baseline measured in the same run.
import { benchParse } from "@/bench/parse";
import { benchScanLatency } from "@/bench/scan-latency";
import { ms, ratio } from "@/bench/stats";

async function main(): Promise<void> {
  const parse = await benchParse();
  console.log(`\nParse ${parse.processes.toLocaleString("en")} processes (${parse.runs} runs)`);
  console.log(`  baseline: split the same text into lines and fields   ${ms(parse.baselineMs)}`);
  console.log(`  parseScanOutput   ${ms(parse.medianMs)}   ${ratio(parse.medianMs, parse.baselineMs)} of baseline   heap +${parse.heapMb.toFixed(1)} MB   (aim: under 150 ms)`);

  const lat = await benchScanLatency();
  console.log(`\nScan through the API, lab host with ${lat.processes.toLocaleString("en")} processes (${lat.runs} runs each, medians)`);
  console.log(`  baseline ssh cold (new connection)      ${ms(lat.sshColdMs)}`);
  console.log(`  baseline ssh warm (ControlMaster)       ${ms(lat.sshWarmMs)}`);
  console.log(`  Reaper cold  ${ms(lat.coldMs).padStart(10)}   ${ratio(lat.coldMs, lat.sshColdMs)} of ssh cold   (aim: <= 1.00x)`);
  console.log(`  Reaper warm  ${ms(lat.warmMs).padStart(10)}   ${ratio(lat.warmMs, lat.sshWarmMs)} of ssh warm   (aim: <= 1.50x)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
