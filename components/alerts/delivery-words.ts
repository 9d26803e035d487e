// How one webhook delivery reads in the log: a word for where it stands and what the receiver did.
import type { Delivery } from "@/lib/shared/alerts/types";

export type DeliveryStanding = { label: string; tone: "ok" | "waiting" | "failed" };

/** "Delivered", "Sending" (first attempt under way), "Retrying" (an attempt failed, another is due), "Gave up". */
export function deliveryStanding(d: Pick<Delivery, "status" | "attempts">): DeliveryStanding {
  if (d.status === "delivered") return { label: "Delivered", tone: "ok" };
  if (d.status === "failed") return { label: "Gave up", tone: "failed" };
  return d.attempts === 0 ? { label: "Sending", tone: "waiting" } : { label: "Retrying", tone: "waiting" };
}

/** What the last attempt met: the receiver's HTTP status, or why no answer came. */
export function deliveryOutcome(d: Pick<Delivery, "responseStatus" | "error" | "attempts">): string {
  if (d.responseStatus !== null && d.error === null) return `HTTP ${d.responseStatus}`;
  if (d.error !== null) return d.error;
  if (d.responseStatus !== null) return `HTTP ${d.responseStatus}`;
  return d.attempts === 0 ? "not sent yet" : "no answer recorded";
}

const EVENT_WORDS: Record<Delivery["event"], string> = { "server.at-risk": "At risk", "server.recovered": "Recovered", test: "Test" };

export function eventWord(event: Delivery["event"]): string {
  return EVENT_WORDS[event];
}

/** When the next attempt is due, to the second (retries start 30 s apart): "at 17:00:30 UTC". */
export function nextAttemptWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `at ${d.toISOString().slice(11, 19)} UTC`;
}
