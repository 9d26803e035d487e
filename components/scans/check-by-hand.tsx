import { CopyButton } from "@/components/ui/copy-button";

const LIST_ZOMBIES = "ps axo pid=,stat= | awk '$2~/^Z/ { print }'";

/** The two classic commands, to confirm Reaper's findings in a terminal on the server. */
export function CheckByHand({ zombiePid }: { zombiePid: number | null }) {
  const tree = `pstree -s -p ${zombiePid ?? "ZOMBIE_PID"}`;
  const rows = [
    { what: "List the zombies (PID and state)", command: LIST_ZOMBIES },
    { what: zombiePid === null ? "Show a zombie's ancestry (put a zombie's PID in)" : `Show the ancestry of zombie ${zombiePid}`, command: tree },
  ];
  return (
    <section aria-labelledby="check-by-hand-title" className="rounded-lg border border-slate-200 bg-white px-3 py-3">
      <h2 id="check-by-hand-title" className="text-sm font-semibold text-slate-900">
        Check by hand
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">Run these in an SSH session on the server to see the same thing yourself.</p>
      <ul className="mt-2 space-y-2">
        {rows.map((r) => (
          <li key={r.command}>
            <div className="mb-1 text-xs text-slate-600">{r.what}</div>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 overflow-x-auto rounded bg-slate-900 px-3 py-1.5 font-mono text-xs whitespace-pre text-slate-100">{r.command}</code>
              <CopyButton text={r.command} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
