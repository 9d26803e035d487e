import "server-only";
import type { RegisteredJob } from "@/lib/server/jobs/queue";

// Every kind of background job this process runs, started with the server (lib/server/startup.ts).
export const jobKinds: RegisteredJob[] = [];
