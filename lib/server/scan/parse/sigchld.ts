// What a process does with SIGCHLD, from the signal masks in /proc/PID/status: decides whether
// sending it SIGCHLD ("Reap") can make it collect its zombies.
import type { SigchldDisposition } from "@/lib/shared/scan/types";

/** SIGCHLD is signal 17 on x86, arm and most others: bit 16 of the masks (bit N-1 for signal N). */
const SIGCHLD_BIT = 0x10000;

export type SignalMasks = { sigIgn: string; sigBlk: string; sigCgt: string };

/** A mask is 16 hex digits; SIGCHLD lies in the low 32 bits, so the last 8 are enough. */
function hasSigchld(mask: string): boolean | null {
  if (!/^[0-9a-fA-F]{1,16}$/.test(mask)) return null;
  return (parseInt(mask.slice(-8), 16) & SIGCHLD_BIT) !== 0;
}

/**
 * Ignored wins over the rest (the kernel reaps new children itself), then blocked (a handler cannot
 * run while blocked), then caught (a handler exists), else the default action (nothing happens).
 */
export function sigchldDisposition(masks: SignalMasks): SigchldDisposition | null {
  const [ign, blk, cgt] = [hasSigchld(masks.sigIgn), hasSigchld(masks.sigBlk), hasSigchld(masks.sigCgt)];
  if (ign === null || blk === null || cgt === null) return null;
  if (ign) return "ignored";
  if (blk) return "blocked";
  return cgt ? "caught" : "default";
}
