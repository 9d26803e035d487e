import type { TestProject } from "vitest/node";
import { startPostgres } from "@/lab/postgres";

// Vitest globalSetup of the `postgres` project: one throwaway cluster for the whole run, each
// test file (or app it starts) making its own database on it; stopped and deleted at the end.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
