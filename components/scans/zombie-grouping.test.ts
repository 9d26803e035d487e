import { describe, expect, it } from "vitest";
import { buildGroups, zombiesByParent, type SortKey } from "@/components/scans/zombie-grouping";
import type { Parent, Process } from "@/lib/shared/scan/types";

const proc = (pid: number, ppid: number, comm: string, user = "root", state = "S"): Process => ({
  pid, ppid, comm, user, state, startTime: 100, args: "", threads: 1, cpu: null, rssKb: null,
});
const parent = (p: Process, zombiePids: number[]): Parent => ({ ...p, zombieCount: zombiePids.length, zombiePids, ancestry: [], pstree: null });

const httpd = proc(1234, 1, "httpd");
const fpm = proc(900, 1, "php-fpm", "www-data");
const zombies = [proc(2000, 1234, "php5.cgi", "root", "Z"), proc(1999, 1234, "php5.cgi", "root", "Z"), proc(3000, 900, "wörker-ü", "www-data", "Z")];
const parents = [parent(httpd, [1999, 2000]), parent(fpm, [3000])];
const byParent = zombiesByParent(zombies);

describe("buildGroups", () => {
  const cases: { name: string; query: string; sort: SortKey; expected: [number, number[], boolean][] }[] = [
    { name: "no filter, most zombies first", query: "", sort: "zombies", expected: [[1234, [1999, 2000], false], [900, [3000], false]] },
    { name: "by parent name", query: "", sort: "name", expected: [[1234, [1999, 2000], false], [900, [3000], false]] },
    { name: "by parent pid", query: "", sort: "pid", expected: [[900, [3000], false], [1234, [1999, 2000], false]] },
    { name: "a parent's name keeps all its zombies", query: "HTTPD", sort: "zombies", expected: [[1234, [1999, 2000], false]] },
    { name: "a zombie's pid shows only that zombie", query: "2000", sort: "zombies", expected: [[1234, [2000], true]] },
    { name: "UTF-8 names match", query: "wörker", sort: "zombies", expected: [[900, [3000], true]] },
    { name: "a user matches the parent", query: "www-data", sort: "zombies", expected: [[900, [3000], false]] },
    { name: "nothing matches", query: "nginx", sort: "zombies", expected: [] },
  ];

  it.each(cases)("$name", ({ query, sort, expected }) => {
    const groups = buildGroups(parents, byParent, query, sort);
    expect(groups.map((g) => [g.parent.pid, g.zombies.map((z) => z.pid), g.matchedZombiesOnly])).toEqual(expected);
  });
});
