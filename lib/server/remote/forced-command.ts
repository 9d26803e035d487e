// The restricted command for Reaper's key on a customer server (remote/reaper-forced-command.sh,
// named in authorized_keys as `command="…"`): it runs a requested command only when it is exactly
// one of the commands Reaper sends, and refuses everything else. The commands it knows are built
// here by the same functions that build what Reaper sends, with their variable parts (integers, the
// protected names) turned into placeholders; a test holds the shipped script to this text.
import { buildPollCommand, buildSignalCommand } from "@/lib/server/actions/signal-command";
import { buildDetailsCommand, PSTREE_PARENTS } from "@/lib/server/scan/command/details-command";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { SIGNAL_ACTIONS } from "@/lib/shared/actions/types";

/** Stands for any run of digits (a PID, a start time, the scan's remote timeout). */
export const INT = "{{INT}}";
/** Stands for the protected names' case pattern: `"name"|"name"…`, each within PROTECTED_NAME's grammar. */
export const NAMES = "{{NAMES}}";
/** Ends each template in the script's list. */
const END = "{{END}}";

// Values no real command holds, swapped for the placeholders after building.
const TIMEOUT = 3517;
const PID = 918273645;
const START = 5647382910;
const NAME = "zzprotectedzz";
/** The details step's pstree PIDs must be real ones (at most the kernel's PID limit). */
const TREE_PID = 3918271;

function swap(text: string, from: string, to: string, times: number): string {
  const parts = text.split(from);
  if (parts.length !== times + 1) throw new Error(`internal: expected ${from} ${times} times in a template, found ${parts.length - 1}`);
  return parts.join(to);
}

const withIds = (text: string): string => swap(text, `P=${PID}; S=${START}`, `P=${INT}; S=${INT}`, 1);

/** Every command text the script permits: the scan and its details step, the signal command per signal (with and without sudo), the outcome check. */
export function permittedTemplates(): string[] {
  const scan = swap(buildScanCommand({ timeoutSeconds: TIMEOUT }).command, `timeout -k 2 ${TIMEOUT} sh -c`, `timeout -k 2 ${INT} sh -c`, 1);
  const signals = SIGNAL_ACTIONS.flatMap((action) =>
    [false, true].map((useSudo) =>
      swap(withIds(buildSignalCommand({ action, pid: PID, startTime: START, useSudo, protectedNames: [NAME] })), `"${NAME}"`, NAMES, 1),
    ),
  );
  // The details step after a scan: one template per number of parents its pstree part may name (none too).
  const details = Array.from({ length: PSTREE_PARENTS + 1 }, (_, i) => {
    const pids = Array.from({ length: i }, (_, j) => TREE_PID + j);
    const text = swap(buildDetailsCommand(pids, { timeoutSeconds: TIMEOUT }).command, `timeout -k 2 ${TIMEOUT} sh -c`, `timeout -k 2 ${INT} sh -c`, 1);
    return pids.reduce((t, pid) => swap(t, String(pid), INT, 1), text);
  });
  const templates = [scan, ...details, ...signals, withIds(buildPollCommand(PID, START))];
  for (const t of templates) {
    if (t.split(INT).join("").split(NAMES).join("").includes("{{")) throw new Error("internal: a command holds {{, which the script reads as a placeholder");
    if (t.split("\n").includes("REAPER_TEMPLATES") || t.split("\n").includes(END)) throw new Error("internal: a command holds a line the script uses as a delimiter");
  }
  return templates;
}

// awk: reads the templates (lines up to END), and compares each with the requested command (from
// the environment, so no quoting is involved): literal text must be equal byte for byte, INT must be
// 1-19 digits, NAMES double-quoted names joined by |. Exits 0 on the first template that matches.
const MATCHER = [
  "function nextph(t,  a, b) { a = index(t, \"{{INT}}\"); b = index(t, \"{{NAMES}}\"); if (a == 0) return b; if (b == 0) return a; return a < b ? a : b }",
  "function matches(t, c,  i) {",
  "  for (;;) {",
  "    i = nextph(t); if (i == 0) return t == c",
  "    if (substr(c, 1, i - 1) != substr(t, 1, i - 1)) return 0",
  "    c = substr(c, i); t = substr(t, i)",
  "    if (substr(t, 1, 7) == \"{{INT}}\") {",
  "      if (!match(c, /^[0-9]+/) || RLENGTH > 19) return 0",
  "      c = substr(c, RLENGTH + 1); t = substr(t, 8)",
  "    } else {",
  "      if (!match(c, /^\"[A-Za-z0-9 ._:+@()-]+\"(\\|\"[A-Za-z0-9 ._:+@()-]+\")*/)) return 0",
  "      c = substr(c, RLENGTH + 1); t = substr(t, 10)",
  "    }",
  "  }",
  "}",
  "BEGIN { c = ENVIRON[\"SSH_ORIGINAL_COMMAND\"]; t = \"\"; n = 0 }",
  `$0 == "${END}" { if (matches(t, c)) { ok = 1; exit } t = ""; n = 0; next }`,
  "{ t = n++ ? t \"\\n\" $0 : $0 }",
  "END { exit ok ? 0 : 1 }",
].join("\n");

/** The whole script, as shipped in remote/reaper-forced-command.sh. */
export function forcedCommandScript(): string {
  if (MATCHER.includes("'")) throw new Error("internal: the matcher must hold no single quote");
  return [
    "#!/bin/sh",
    "# Reaper's restricted command: put it in the authorized_keys line of Reaper's key, e.g.",
    '#   command="/usr/local/lib/reaper/reaper-forced-command.sh",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding ssh-ed25519 AAAA... reaper',
    "# It runs the requested command only when it is exactly Reaper's scan (or its pstree step), its signal command (SIGCHLD,",
    "# SIGTERM or SIGKILL to one integer PID, behind the check of the process's start time) or the",
    "# outcome check that follows a signal; anything else, including a login shell, is refused.",
    "# Generated by `npx tsx scripts/write-forced-command.ts` from the code that builds those commands:",
    "# do not edit; regenerate it after upgrading Reaper.",
    "refuse() {",
    '  printf "reaper-forced-command: %s\\n" "$1" >&2',
    "  exit 126",
    "}",
    'if [ -z "${SSH_ORIGINAL_COMMAND:-}" ]; then',
    '  refuse "refused: this key only runs the commands Reaper sends (scan, signal, outcome check); no login shell"',
    "fi",
    "export SSH_ORIGINAL_COMMAND",
    "templates() {",
    "  cat <<'REAPER_TEMPLATES'",
    ...permittedTemplates().flatMap((t) => [t, END]),
    "REAPER_TEMPLATES",
    "}",
    `if templates | LC_ALL=C awk '${MATCHER}'; then`,
    '  exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"',
    "fi",
    'refuse "refused: not one of the commands Reaper sends (scan, signal with the identity check, outcome check); nothing was run"',
    "",
  ].join("\n");
}
