import { z } from "zod";

/** What the forms offer when background scans are turned on. */
export const DEFAULT_SCAN_INTERVAL_MINUTES = 5;

const range = "must be a whole number of minutes from 1 to 1440, or null for no background scans";

/** Minutes between background scans of a server (or of an account's servers); null: off. */
export const scanIntervalSchema = z.number(range).int(range).min(1, range).max(1440, range).nullable();
