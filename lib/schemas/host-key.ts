import { z } from "zod";
import { fingerprintSchema } from "@/lib/schemas/server";

export const pinHostKeySchema = z.object({ fingerprint: fingerprintSchema }).strict();
