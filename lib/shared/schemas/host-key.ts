import { z } from "zod";
import { fingerprintSchema } from "@/lib/shared/schemas/server";

export const pinHostKeySchema = z.object({ fingerprint: fingerprintSchema }).strict();
