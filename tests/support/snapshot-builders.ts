// A small stored scan to freeze into snapshots: init, a php-fpm master with 25 zombies and 12 live
// workers, one worker whose command line holds a password, and a process with a hostile name.
import type { Scan } from "@/lib/shared/scan/types";
import { parentOf, proc } from "@/tests/support/parent-builders";

export function scanToShare(): Scan {
  const master = parentOf({ pid: 100, comm: "php-fpm", args: "php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)", zombieCount: 25 });
  const zombies = Array.from({ length: 25 }, (_, i) => proc({ pid: 200 + i, ppid: 100, comm: "php-fpm", state: "Z", args: "", user: "www-data" }));
  const workers = Array.from({ length: 12 }, (_, i) => proc({ pid: 300 + i, ppid: 100, comm: "php-fpm", args: "php-fpm: pool www", user: "www-data" }));
  const processes = [
    proc({ pid: 1, ppid: 0, comm: "tini", args: "/sbin/tini -- php-fpm" }),
    proc({ pid: 100, ppid: 1, comm: "php-fpm", args: master.args }),
    ...zombies,
    ...workers,
    proc({ pid: 400, ppid: 1, comm: "mysqldump", args: "mysqldump -uroot -pS3cret shop" }),
    proc({ pid: 401, ppid: 1, comm: "<b>x</b>", args: "<script>alert(1)</script>\n" }),
  ];
  return {
    id: "scn_test",
    serverId: "srv_test",
    startedAt: "2026-12-02T14:02:00.000Z",
    durationMs: 840,
    commands: ["ps -eo ..."],
    summary: { processes: processes.length, zombies: 25, pidsInUse: processes.length, pidMax: 32768, loadAvg: [0.5, 0.4, 0.3] },
    processes,
    zombies,
    parents: [master],
    notes: [],
  };
}
