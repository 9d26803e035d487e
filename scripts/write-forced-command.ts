// Writes remote/reaper-forced-command.sh, the restricted command for Reaper's key on customer
// servers, from the code that builds Reaper's commands: `npx tsx scripts/write-forced-command.ts`.
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { forcedCommandScript } from "@/lib/server/remote/forced-command";

const file = path.join(__dirname, "..", "remote", "reaper-forced-command.sh");
writeFileSync(file, forcedCommandScript());
chmodSync(file, 0o755);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
