import { CopyButton } from "@/components/ui/copy-button";
import { SafeText } from "@/components/ui/safe-text";

/** The exact shell text the scan ran on the server, folded away until asked for. A step that did not
 * run (pstree without zombies, or on a host too big for it) has empty text and is left out. */
export function CommandsRun({ commands: steps }: { commands: string[] }) {
  const commands = steps.filter((c) => c !== "");
  if (commands.length === 0) return null;
  return (
    <details className="group rounded-lg border border-slate-200 bg-white">
      <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-slate-800 select-none hover:bg-slate-50">
        What Reaper ran <span className="font-normal text-slate-500">({commands.length} command{commands.length === 1 ? "" : "s"}, in order)</span>
      </summary>
      <ol className="space-y-2 border-t border-slate-200 px-3 py-3">
        {commands.map((c, i) => (
          <li key={i} className="flex items-start gap-2">
            <span className="mt-1.5 w-5 shrink-0 text-right text-xs text-slate-400 tabular-nums">{i + 1}.</span>
            <pre className="min-w-0 flex-1 rounded bg-slate-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
              <SafeText value={c} keepNewlines />
            </pre>
            <CopyButton text={c} />
          </li>
        ))}
      </ol>
    </details>
  );
}
