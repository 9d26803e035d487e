import type { LabServerOptions } from "@/lab/types";

/** Three lively servers for `npm run demo` and manual checks. */
export const DEMO_SCENARIOS: { name: string; options: LabServerOptions }[] = [
  {
    name: "web-01",
    options: {
      name: "web-01",
      scenario: {
        parents: [{ comm: "httpd", zombies: 40, childComm: "php5.cgi" }],
        // A service the demo can restart (through the lab's stand-in systemctl).
        units: [{ name: "php-fpm.service", description: "The PHP FastCGI Process Manager", parent: { comm: "php-fpm", zombies: 3, liveChildren: 2 } }],
        fillerProcesses: 60,
      },
    },
  },
  {
    name: "web-02",
    options: {
      name: "web-02",
      // The chain's outer levels are named "web worker)", "wörker-ü", "queue runner 2", ...
      scenario: {
        parents: [
          { comm: "web worker)", zombies: 5, childComm: "wörker-ü" },
          { comm: "node app 3", zombies: 2 },
        ],
        chainDepth: 6,
        fillerProcesses: 40,
      },
    },
  },
  { name: "db-01", options: { name: "db-01", scenario: { fillerProcesses: 200 } } },
];
