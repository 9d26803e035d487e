import { startLabServer } from "@/lab";
const N = Number(process.argv[2] ?? 1000);
async function main() {
  const parents = Array.from({ length: 5 }, (_, i) => ({ comm: `httpd${i}`, zombies: 2 }));
  const lab = await startLabServer({ name: "m", scenario: { fillerProcesses: N - 30, parents } });
  const cmds: [string, string][] = [
    ["true", "true"],
    ["ps pid,stat", "ps axo pid=,stat= >/dev/null"],
    ["ps pid", "ps -A -o pid= >/dev/null"],
    ["ps pid,user", "ps -A -o pid=,user:32= >/dev/null"],
    ["ps pid,args", "ps -A -ww -o pid=,args= >/dev/null"],
    ["ps full", "ps -A -ww -o pid=,user:32=,stat=,pcpu=,rss=,args= >/dev/null"],
    ["pstree -s -p", "pstree -l -A -s -p $(pgrep -x httpd0) >/dev/null"],
    ["pstree -p (all)", "pstree -l -A -p >/dev/null"],
    ["stat awk", "cd /proc && LC_ALL=C awk 'BEGIN{for(i=1;i<ARGC;i++){f=ARGV[i]; while((getline l < f)>0) n++; close(f)} print n}' [0-9]*/stat >/dev/null"],
    ["ls -n /proc", "ls -n /proc >/dev/null"],
    ["cat cmdline", "cd /proc && cat [0-9]*/cmdline >/dev/null 2>&1"],
  ];
  for (const [label, c] of cmds) {
    const r = await lab.exec(`s=$(date +%s%N); for i in 1 2 3 4 5 6 7 8 9 10; do ${c}; done; e=$(date +%s%N); echo $(( (e - s) / 10000000 ))`);
    console.log(label.padEnd(20), r.stdout.trim(), "ms", r.stderr.slice(0, 100));
  }
  await lab.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
