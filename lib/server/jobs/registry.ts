import "server-only";
import { scanServerJob } from "@/lib/server/fleet/scan-job";
import { register, type RegisteredJob } from "@/lib/server/jobs/queue";
import { deliverWebhookJob } from "@/lib/server/webhooks/dispatch";

// Every kind of background job this process runs, started with the server (lib/server/startup.ts).
export const jobKinds: RegisteredJob[] = [register(scanServerJob), register(deliverWebhookJob)];
