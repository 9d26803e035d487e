// npm run bench: every figure next to a baseline measured in the same run.
import { benchJumpLatency } from "@/bench/jump-latency";
import { benchManualPair, printPair } from "@/bench/manual-pair";
import { benchParse } from "@/bench/parse";
import { benchScanLatency } from "@/bench/scan-latency";
import { benchScanPhases, printPhases } from "@/bench/scan-phases";
import { benchSnapshotImage } from "@/bench/snapshot-image";
import { ms, ratio } from "@/bench/stats";
import { benchTreeRender } from "@/bench/tree-render";

async function main(): Promise<void> {
  const parse = await benchParse();
  console.log(`\nParse ${parse.processes.toLocaleString("en")} processes (${parse.runs} runs)`);
  console.log(`  baseline: split the same text into lines and fields   ${ms(parse.baselineMs)}`);
  console.log(`  parseScanOutput   ${ms(parse.medianMs)}   ${ratio(parse.medianMs, parse.baselineMs)} of baseline   heap +${parse.heapMb.toFixed(1)} MB   (aim: <= 1.30x)`);

  const lat = await benchScanLatency();
  console.log(`\nScan through the API, lab host with ${lat.processes.toLocaleString("en")} processes (${lat.runs} runs each, medians)`);
  console.log(`  baseline ssh cold (new connection)      ${ms(lat.sshColdMs)}`);
  console.log(`  baseline ssh warm (ControlMaster)       ${ms(lat.sshWarmMs)}`);
  console.log(`  Reaper cold  ${ms(lat.coldMs).padStart(10)}   ${ratio(lat.coldMs, lat.sshColdMs)} of ssh cold   (aim: <= 1.00x)`);
  console.log(`  Reaper warm  ${ms(lat.warmMs).padStart(10)}   ${ratio(lat.warmMs, lat.sshWarmMs)} of ssh warm   (aim: <= 1.50x)`);

  printPhases(await benchScanPhases());

  for (const f of await benchManualPair()) printPair(f);

  const jump = await benchJumpLatency();
  console.log(`\nScan through a jump host vs the same target directly, 500 processes (${jump.runs} runs each, medians)`);
  console.log(`  baseline direct cold (new connection)   ${ms(jump.directColdMs)}`);
  console.log(`  baseline direct warm (pooled)           ${ms(jump.directWarmMs)}`);
  console.log(`  via jump cold (bastion + target handshakes)  ${ms(jump.jumpColdMs).padStart(10)}   ${ratio(jump.jumpColdMs, jump.directColdMs)} of direct cold   (aim: <= 2.00x)`);
  console.log(`  via jump warm (pooled, one channel hop)      ${ms(jump.jumpWarmMs).padStart(10)}   ${ratio(jump.jumpWarmMs, jump.directWarmMs)} of direct warm   (aim: <= 1.30x)`);

  const tree = await benchTreeRender();
  console.log(`\nServer page in Chromium, scan JSON of ${tree.processes.toLocaleString("en")} processes arrived -> host tree interactive (${tree.runs} runs, medians)`);
  console.log(`  baseline: a bare page parses the same JSON and writes the count   ${ms(tree.baselineMs)}`);
  console.log(`  Reaper page   ${ms(tree.medianMs)}   ${ratio(tree.medianMs, tree.baselineMs)} of baseline   (aim: under 500 ms)`);

  const snap = await benchSnapshotImage();
  console.log(`\nSnapshot picture (GET /s/TOKEN/image.png), scan of ${snap.processes.toLocaleString("en")} processes (${snap.runs} runs, medians)`);
  console.log(`  baseline: bare Chromium screenshot of the same HTML, browser running   ${ms(snap.baselineMs)}`);
  console.log(`  first render, browser running   ${ms(snap.firstRenderMs).padStart(10)}   ${ratio(snap.firstRenderMs, snap.baselineMs)} of baseline   (aim: under 1 s)`);
  console.log(`  cached answer                   ${ms(snap.cachedMs).padStart(10)}   ${ratio(snap.cachedMs, snap.baselineMs)} of baseline   (aim: under 50 ms)`);
  console.log(`  the very first (starts Chromium) ${ms(snap.launchAndFirstMs)}`);
  const a = snap.atOnce;
  console.log(`  ${a.asked} new snapshots at once: ${a.ok}/${a.asked} answered in ${ms(a.wallMs)}; app + its Chromium ${a.rssBeforeMb.toFixed(0)} MiB before, ${a.rssAfterMb.toFixed(0)} MiB after`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
