import "server-only";
import { register, type RegisteredJob } from "@/lib/server/jobs/queue";
import { backgroundScanJob } from "@/lib/server/schedule/scan-job";
import { deliverWebhookJob } from "@/lib/server/webhooks/dispatch";

// Every kind of background job this process runs, started with the server (lib/server/startup.ts).
export const jobKinds: RegisteredJob[] = [register(deliverWebhookJob), register(backgroundScanJob)];
