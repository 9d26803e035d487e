import { access, mkdir, readdir, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { waitFor } from "@/lab/run";

/*
 * systemd-like services in a lab. systemd does not run inside the lab's namespaces, so the lab puts a
 * unit's processes where systemd would (a cgroup `/<lab>/system.slice/NAME`, in the unified v2
 * hierarchy when the machine has one, else systemd's v1 hierarchy) and gives the SSH session a
 * stand-in `systemctl` that acts on that cgroup: restart really stops every process of the unit and
 * starts its main process again there. The lab shares the host's cgroup namespace, so a scan inside
 * it reads the same paths in /proc/PID/cgroup as the stand-in writes to.
 */

/** Where the unit cgroups go, first that exists: pure v2, the hybrid unified tree, systemd's v1 tree. */
const HIERARCHIES = [
  { mount: "/sys/fs/cgroup", probe: "cgroup.controllers" },
  { mount: "/sys/fs/cgroup/unified", probe: "cgroup.procs" },
  { mount: "/sys/fs/cgroup/systemd", probe: "cgroup.procs" },
];

let chosen: Promise<string> | undefined;

async function unitHierarchy(): Promise<string> {
  chosen ??= (async () => {
    for (const h of HIERARCHIES) {
      if (await access(path.join(h.mount, h.probe)).then(() => true, () => false)) return h.mount;
    }
    throw new Error("lab units need a cgroup hierarchy for systemd-like units (/sys/fs/cgroup v2, or systemd's v1 tree), which this machine does not have");
  })();
  return chosen;
}

const labFolderIn = (mount: string, labDir: string): string => path.join(mount, path.basename(labDir));

export type UnitCgroup = { dir: string; path: string };

/** Makes `/<lab>/system.slice/NAME`: `dir` on disk, `path` as /proc/PID/cgroup shows it. */
export async function makeUnitCgroup(labDir: string, unit: string): Promise<UnitCgroup> {
  const mount = await unitHierarchy();
  const dir = path.join(labFolderIn(mount, labDir), "system.slice", unit);
  await mkdir(dir, { recursive: true });
  return { dir, path: dir.slice(mount.length) };
}

export type UnitFile = { name: string; description: string; cgroup: UnitCgroup; execStart: string; environment: Record<string, string> };

/** What the stand-in reads: one KEY=value per line, like the unit file and what systemd derived from it. */
export async function writeUnitFile(unitsDir: string, unit: UnitFile): Promise<void> {
  for (const [k, v] of Object.entries(unit.environment)) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(k) || /[\s'"\\$`]/.test(v)) throw new Error(`lab unit environment ${k}=${v} must be a plain word`);
  }
  if (/[\n]/.test(unit.description)) throw new Error("a lab unit's description is one line");
  await mkdir(unitsDir, { recursive: true });
  const lines = [
    `Description=${unit.description}`,
    `ControlGroup=${unit.cgroup.path}`,
    `CGroupDir=${unit.cgroup.dir}`,
    `ExecStart=${unit.execStart}`,
    `Environment=${Object.entries(unit.environment)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  ];
  await writeFile(path.join(unitsDir, unit.name), `${lines.join("\n")}\n`);
}

/** Removes the lab's unit cgroups, deepest first, once their processes are gone. */
export async function removeUnitCgroups(labDir: string): Promise<void> {
  const mount = await unitHierarchy().catch(() => undefined);
  if (!mount) return;
  const folder = labFolderIn(mount, labDir);
  const dirs: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    if (!entries) return;
    for (const e of entries) if (e.isDirectory()) await walk(path.join(dir, e.name));
    dirs.push(dir);
  };
  await walk(folder);
  for (const dir of dirs) {
    await waitFor(
      () => rmdir(dir).then(() => true, (error: unknown) => (error instanceof Error && "code" in error && error.code === "EBUSY" ? undefined : Promise.reject(error))),
      5_000,
      async () => `the lab's unit cgroup ${dir} still holds processes`,
    );
  }
}

/**
 * The stand-in `systemctl`: restart (stop every process of the unit's cgroup with SIGTERM, SIGKILL
 * what is left after 3 s, as systemd's KillMode=control-group does; then run ExecStart in that
 * cgroup, in a session of its own, and wait until it has forked its processes, like a
 * Type=forking service), show and is-active (ActiveState and MainPID read from the cgroup: the main
 * PID is its topmost live process). Unknown units answer as systemd does.
 */
export function systemctlStandIn(unitsDir: string): string {
  return `#!/bin/sh
# Stands in for systemd's systemctl in a Reaper lab server: systemd does not run inside the lab's
# namespaces. It knows the units in ${unitsDir} and acts on their cgroups for real.
UNITS=${unitsDir}
cmd=; unit=; props=; value=0
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; unit=$1; break ;;
    -p|--property) shift; props="$props,$1" ;;
    --property=*) props="$props,\${1#--property=}" ;;
    --value) value=1 ;;
    --no-pager|--quiet|-q) ;;
    -*) echo "systemctl (Reaper lab stand-in): option $1 is not supported" >&2; exit 1 ;;
    *) if [ -z "$cmd" ]; then cmd=$1; else unit=$1; fi ;;
  esac
  shift
done
case $unit in ""|*/*) echo "Invalid unit name \\"$unit\\"." >&2; exit 1 ;; esac
f=$UNITS/$unit

prop() { sed -n "s/^$1=//p" "$f" | head -n 1; }
procs() { find "$(prop CGroupDir)" -name cgroup.procs | while IFS= read -r p; do cat "$p"; done; }
live() {
  for p in $(procs); do
    s=$(cat /proc/$p/stat 2>/dev/null) || continue
    r=\${s##*) }; set -- $r
    [ "$1" = Z ] || echo "$p $2"
  done
}
mainpid() {
  l=$(live)
  ids=" $(printf '%s\\n' "$l" | cut -d' ' -f1 | tr '\\n' ' ')"
  printf '%s\\n' "$l" | while read -r p pp; do
    [ -n "$p" ] || continue
    case $ids in *" $pp "*) ;; *) echo "$p"; break ;; esac
  done
}
state() {
  if [ -n "$(mainpid)" ]; then echo active; elif [ -e "$UNITS/.$unit.failed" ]; then echo failed; else echo inactive; fi
}

show() {
  if [ -f "$f" ]; then
    m=$(mainpid); st=$(state); desc=$(prop Description); cg=$(prop ControlGroup); load=loaded
  else
    m=; st=inactive; desc=$unit; cg=; load=not-found
  fi
  case $st in active) sub=running ;; failed) sub=failed ;; *) sub=dead ;; esac
  for k in Id Description LoadState ActiveState SubState MainPID ControlGroup; do
    case $k in
      Id) v=$unit ;; Description) v=$desc ;; LoadState) v=$load ;; ActiveState) v=$st ;;
      SubState) v=$sub ;; MainPID) v=\${m:-0} ;; ControlGroup) v=$cg ;;
    esac
    if [ -n "$props" ]; then case "$props," in *",$k,"*) ;; *) continue ;; esac; fi
    if [ $value = 1 ]; then echo "$v"; else echo "$k=$v"; fi
  done
}

restart() {
  [ -f "$f" ] || { echo "Failed to restart $unit: Unit $unit not found." >&2; exit 5; }
  rm -f "$UNITS/.$unit.failed"
  for p in $(procs); do kill -TERM "$p" 2>/dev/null; done
  n=0; while [ -n "$(live)" ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n+1)); done
  for p in $(procs); do kill -KILL "$p" 2>/dev/null; done
  n=0; while [ -n "$(live)" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done
  set -f
  # shellcheck disable=SC2046
  if env -i $(prop Environment) setsid -w $(prop ExecStart) </dev/null >/dev/null 2>&1; then exit 0; fi
  touch "$UNITS/.$unit.failed"
  echo "Job for $unit failed because the control process exited with error code." >&2
  echo "See \\"systemctl status $unit\\" and \\"journalctl -xeu $unit\\" for details." >&2
  exit 1
}

case $cmd in
  restart) restart ;;
  show) show ;;
  is-active) st=inactive; [ -f "$f" ] && st=$(state); echo "$st"; [ "$st" = active ] || exit 3 ;;
  *) echo "systemctl (Reaper lab stand-in): $cmd is not supported" >&2; exit 1 ;;
esac
`;
}
