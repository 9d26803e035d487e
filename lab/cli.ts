// Starts the demo servers for manual checks: `npx tsx lab/cli.ts`; Ctrl-C stops them.
import { DEMO_SCENARIOS } from "@/lab/demo-scenarios";
import { startLabServer } from "@/lab/server";
import type { LabServer } from "@/lab/types";

async function main(): Promise<void> {
  const servers: LabServer[] = [];
  let stopping = false;
  const stopAll = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${servers.length} lab server(s)`);
    await Promise.all(servers.map((server) => server.stop()));
    process.exit(0);
  };
  process.on("SIGINT", () => void stopAll("SIGINT"));
  process.on("SIGTERM", () => void stopAll("SIGTERM"));
  // The lab's child processes are unref'd; this keeps the CLI alive until a signal.
  setInterval(() => undefined, 1 << 30);

  for (const demo of DEMO_SCENARIOS) {
    const started = Date.now();
    const server = await startLabServer(demo.options);
    servers.push(server);
    console.log(
      `${server.name}  ssh root@${server.host} -p ${server.port}  ${server.hostKeyFingerprint}  ` +
        `init ${server.initPid}  zombies ${server.expected.zombies}  (${Date.now() - started} ms)`,
    );
  }
  const first = servers[0];
  if (first) {
    console.log(`password login: ${first.passwordUser.username} / ${first.passwordUser.password} (lab-only)`);
  }
  console.log("Ctrl-C to stop");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
