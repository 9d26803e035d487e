import { z } from "zod";
import { THRESHOLD_LIMITS } from "@/lib/shared/alerts/defaults";
import { WEBHOOK_EVENTS, type Thresholds } from "@/lib/shared/alerts/types";
import { hasInvisible } from "@/lib/shared/format/visible-text";

function threshold(key: keyof Thresholds, unit: string) {
  const { min, max } = THRESHOLD_LIMITS[key];
  const range = `must be a whole number of ${unit} from ${min} to ${max}, or null to turn it off`;
  return z.number(range).int(range).min(min, range).max(max, range).nullable();
}

/** A whole set: every threshold is named, null turning it off, so a form cannot half-save one. */
export const thresholdsSchema = z
  .object({
    zombiesAbove: threshold("zombiesAbove", "zombies"),
    pidUsePercentAbove: threshold("pidUsePercentAbove", "percent"),
    zombieAgeMinutesAbove: threshold("zombieAgeMinutesAbove", "minutes"),
    failedScansInRow: threshold("failedScansInRow", "scans"),
  })
  .strict();

// A webhook's address is called from the server: only http(s), no credentials in it (they would
// show in lists and logs; the signature proves the sender instead), nothing invisible.
const webhookUrl = z
  .string("is required: the http(s) address to POST to")
  .trim()
  .min(1, "is required: the http(s) address to POST to")
  .max(2048, "must be at most 2048 characters")
  .refine((u) => !hasInvisible(u), "must not contain spaces, control or invisible characters")
  .refine((u) => URL.canParse(u), "must be a full address, e.g. https://tickets.example.com/hooks/reaper")
  .refine((u) => !URL.canParse(u) || ["http:", "https:"].includes(new URL(u).protocol), "must start with https:// or http://; other schemes are refused")
  .refine((u) => !URL.canParse(u) || (new URL(u).username === "" && new URL(u).password === ""), "must not carry a user name or password: the receiver checks the X-Reaper-Signature header instead");

const secret = z
  .string("is required: the shared secret the receiver checks signatures with")
  .min(16, "must be at least 16 characters: it is what proves a delivery came from Reaper")
  .max(256, "must be at most 256 characters")
  .refine((s) => !hasInvisible(s), "must not contain control or invisible characters");

const events = z
  .array(z.enum(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(", ")}`), `must be a list of events: ${WEBHOOK_EVENTS.join(", ")}`)
  .min(1, `must name at least one event: ${WEBHOOK_EVENTS.join(", ")}`)
  .transform((list) => [...new Set(list)]);

export const createWebhookSchema = z
  .object({
    url: webhookUrl,
    secret,
    events,
    accountId: z.string("must be an account id, or null for every server").min(1, "must be an account id, or null for every server").max(64, "is not an account id").nullable().optional(),
  })
  .strict();

export const deliveryListQuerySchema = z.object({ limit: z.coerce.number("must be a number").int("must be a whole number").min(1, "must be 1-500").max(500, "must be 1-500").default(100) });

export type ThresholdsInput = z.infer<typeof thresholdsSchema>;
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;
