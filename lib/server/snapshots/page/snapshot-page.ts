import "server-only";
import { formatCount, formatLoad, plural } from "@/lib/shared/format/numbers";
import { formatDuration, formatUtc } from "@/lib/shared/format/time";
import type { SnapshotAction, SnapshotBody, SnapshotInfo, SnapshotParent, SnapshotProcess } from "@/lib/shared/snapshots/types";
import { esc, hostText, join } from "@/lib/server/snapshots/page/html";
import { SNAPSHOT_CSS } from "@/lib/server/snapshots/page/styles";

// The public page of a snapshot: read-only, no navigation into the dashboard, no ids of other
// things. The server's name, never its address or login account.

export type PageLinks = { url: string; imageUrl: string };

/** Page shell shared with the 404/410 answers: never indexed, never leaks the link as a referrer. */
export function pageShell(title: string, head: string, body: string): string {
  return join(
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    head,
    `<style>${SNAPSHOT_CSS}</style>`,
    "</head><body>",
    body,
    "</body></html>",
  );
}

const processLabel = (p: Pick<SnapshotProcess, "comm" | "pid">): string => `${hostText(p.comm)} (${p.pid})`;

function treeOf(parent: SnapshotParent): string {
  const chain = parent.ancestry.length > 0 ? parent.ancestry.slice(0, -1) : [];
  const indent = (depth: number) => `style="padding-left:${depth * 16}px"`;
  const mark = (depth: number) => (depth > 0 ? '<span class="muted">└ </span>' : "");
  const depth = chain.length;
  const zombiesShown = parent.zombies.map((z) => `${processLabel(z)} <span class="muted">${esc(z.state)} · ${hostText(z.user)}</span>`);
  const moreZombies = parent.zombieCount - parent.zombies.length;
  const liveMore = parent.liveChildCount - parent.liveChildren.length;
  return join(
    `<ul class="tree" aria-label="Process tree of ${esc(parent.comm)} (${parent.pid})">`,
    ...chain.map((s, i) => `<li ${indent(i)}>${mark(i)}${processLabel(s)}</li>`),
    `<li ${indent(depth)}>${mark(depth)}<span class="parent">${processLabel(parent)}</span> <span class="muted">holds ${plural(parent.zombieCount, "zombie")}</span></li>`,
    ...zombiesShown.map((z) => `<li class="zombie" ${indent(depth + 1)}>${mark(1)}${z}</li>`),
    moreZombies > 0 && `<li class="zombie" ${indent(depth + 1)}>${mark(1)}… and ${plural(moreZombies, "more zombie")}</li>`,
    ...parent.liveChildren.map((c) => `<li ${indent(depth + 1)}>${mark(1)}${processLabel(c)}</li>`),
    liveMore > 0 && `<li ${indent(depth + 1)}>${mark(1)}<span class="muted">… and ${plural(liveMore, "more running child", "more running children")}</span></li>`,
    "</ul>",
  );
}

function parentCard(parent: SnapshotParent): string {
  return join(
    '<div class="card">',
    `<h3>${processLabel(parent)}: ${plural(parent.zombieCount, "zombie")} waiting to be collected</h3>`,
    `<div class="meta">user ${hostText(parent.user)} · state ${esc(parent.state)}${parent.service ? ` · runs as ${esc(parent.service)}` : ""}</div>`,
    parent.args && `<div class="meta"><code>${hostText(parent.args)}</code></div>`,
    treeOf(parent),
    "</div>",
  );
}

function outcome(a: SnapshotAction): string {
  if (!a.after) return "";
  const zombies = a.before ? `zombies ${formatCount(a.before.zombies)} → ${formatCount(a.after.zombies)}` : `${plural(a.after.zombies, "zombie")} left`;
  return `${zombies}; the parent ${a.after.parentAlive ? "is still running" : "has ended"}`;
}

function actionsSection(actions: SnapshotAction[]): string {
  if (actions.length === 0) return '<p class="muted">Nothing was done on this server between this scan and the snapshot.</p>';
  const rows = actions.map((a) =>
    join(
      "<tr>",
      `<td>${esc(formatUtc(a.at))}</td>`,
      `<td>${esc(a.action)}${a.means ? ` <span class="muted">(${esc(a.means)})</span>` : ""}</td>`,
      `<td>${a.pid !== null ? `${a.comm !== null ? hostText(a.comm) : "?"} (${a.pid})` : ""}</td>`,
      `<td><span class="badge ${a.result}">${a.result}</span></td>`,
      `<td>${esc(outcome(a))}${outcome(a) && a.message ? "<br>" : ""}<span class="muted">${hostText(a.message)}</span></td>`,
      "</tr>",
    ),
  );
  return join('<div class="scroll"><table>', "<thead><tr><th>When</th><th>Action</th><th>Process</th><th>Result</th><th>Outcome</th></tr></thead>", "<tbody>", ...rows, "</tbody></table></div>");
}

function processTable(processes: SnapshotProcess[]): string {
  const rows = processes.map((p) => `<tr><td class="num">${p.pid}</td><td class="num hide-narrow">${p.ppid}</td><td>${hostText(p.user)}</td><td>${esc(p.state)}</td><td class="cmd">${hostText(p.args || `[${p.comm}]`)}</td></tr>`);
  return join(
    `<details><summary>Every process on the host (${formatCount(processes.length)})</summary>`,
    '<div class="scroll"><table>',
    '<thead><tr><th class="num">PID</th><th class="num hide-narrow">Parent</th><th>User</th><th>State</th><th>Command line</th></tr></thead>',
    "<tbody>",
    ...rows,
    "</tbody></table></div></details>",
  );
}

/** og:description: the numbers a chat preview has room for. */
export function snapshotDescription(body: SnapshotBody): string {
  const done = body.actions.filter((a) => a.result === "done").length;
  const actions = done > 0 ? ` ${plural(done, "action")} taken afterwards.` : "";
  return `Scanned ${formatUtc(body.scannedAt)}: ${plural(body.summary.processes, "process", "processes")}, ${plural(body.summary.zombies, "zombie")}.${actions}`;
}

export function snapshotTitleLine(body: SnapshotBody): string {
  return `${body.serverName}: ${body.verdict.text}`;
}

export function renderSnapshotPage(body: SnapshotBody, info: Pick<SnapshotInfo, "createdAt" | "expiresAt">, links: PageLinks): string {
  const title = snapshotTitleLine(body);
  const description = snapshotDescription(body);
  const s = body.summary;
  const head = join(
    '<meta property="og:type" content="website">',
    '<meta property="og:site_name" content="Reaper">',
    `<meta property="og:title" content="${esc(title)}">`,
    `<meta property="og:description" content="${esc(description)}">`,
    `<meta property="og:url" content="${esc(links.url)}">`,
    `<meta property="og:image" content="${esc(links.imageUrl)}">`,
    `<meta property="og:image:alt" content="${esc(`Reaper snapshot of ${body.serverName}`)}">`,
    '<meta name="twitter:card" content="summary_large_image">',
    `<meta name="twitter:title" content="${esc(title)}">`,
    `<meta name="twitter:description" content="${esc(description)}">`,
    `<meta name="twitter:image" content="${esc(links.imageUrl)}">`,
    `<meta name="description" content="${esc(description)}">`,
  );
  const main = join(
    "<main>",
    "<header><div>",
    '<div class="brand">Reaper snapshot</div>',
    `<h1>${esc(body.serverName)}</h1>`,
    "</div>",
    `<div class="meta">Scanned ${esc(formatUtc(body.scannedAt))} in ${esc(formatDuration(body.durationMs))}${body.ticket ? ` · Ticket ${esc(body.ticket)}` : ""}</div>`,
    "</header>",
    `<p class="verdict ${body.verdict.level}" data-testid="verdict">${hostText(body.verdict.text)}</p>`,
    '<ul class="figures">',
    `<li><b>${formatCount(s.zombies)}</b><span>zombie processes</span></li>`,
    `<li><b>${formatCount(s.processes)}</b><span>processes</span></li>`,
    `<li><b>${formatCount(s.pidsInUse)} / ${formatCount(s.pidMax)}</b><span>PIDs in use (incl. threads)</span></li>`,
    `<li><b>${s.loadAvg.map(formatLoad).join(" ")}</b><span>load average (1, 5, 15 min)</span></li>`,
    "</ul>",
    `<h2>Zombies by parent</h2>`,
    body.parents.length === 0 ? '<p class="muted">No zombie processes at the time of the scan.</p>' : body.parents.map(parentCard).join("\n"),
    "<h2>What was done</h2>",
    actionsSection(body.actions),
    processTable(body.processes),
    "<footer>",
    `<p>A read-only copy of one scan, frozen ${esc(formatUtc(info.createdAt))}; this link works until ${esc(formatUtc(info.expiresAt))}.</p>`,
    `<p>Secrets in command lines (passwords, tokens, keys) are hidden on this page${body.redactedLines > 0 ? `: ${plural(body.redactedLines, "command line")} had something replaced by [redacted]` : "; none were found"}.</p>`,
    "</footer>",
    "</main>",
  );
  return pageShell(`${title} · Reaper snapshot`, head, main);
}

/** What a link that names no live snapshot shows (with status 404 or 410). */
export function renderNoticePage(heading: string, message: string): string {
  return pageShell(`${heading} · Reaper snapshot`, "", `<main><div class="notice"><div class="brand">Reaper snapshot</div><h1>${esc(heading)}</h1><p>${esc(message)}</p></div></main>`);
}
