import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresCluster } from "@/lab/postgres";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// What a load balancer sees from GET /api/health when parts of the database go away. The app runs
// on a cluster of its own, which this test breaks and then stops.
let cluster: PostgresCluster;
let app: AppServer;

beforeAll(async () => {
  cluster = await startPostgres();
  app = await startApp({ DATABASE_URL: cluster.url, REAPER_SECRET_KEY: randomBytes(32).toString("base64") });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await cluster?.stop();
});

const health = () => ApiClient.anonymous(app).call<{ ok: boolean; failing?: string[] }>("GET", "/api/health");

async function sqlOn(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe("GET /api/health on PostgreSQL", () => {
  it("200 while the store and the job queue answer", async () => {
    const res = await health();
    expect([res.status, res.body]).toEqual([200, { ok: true }]);
  });

  it("503 naming the queue when pg-boss's tables are gone and Reaper's are not; 200 once they are back", async () => {
    await sqlOn("alter schema pgboss rename to pgboss_away");
    try {
      const res = await health();
      expect([res.status, res.body]).toEqual([503, { ok: false, failing: ["queue"] }]);
    } finally {
      await sqlOn("alter schema pgboss_away rename to pgboss");
    }
    expect((await health()).status).toBe(200);
  });

  it("503 naming both when the database is down", async () => {
    await cluster.stop();
    const res = await health();
    expect([res.status, res.body]).toEqual([503, { ok: false, failing: ["store", "queue"] }]);
  });
});
