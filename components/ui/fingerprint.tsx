/** An SSH host key fingerprint in monospace, or a note that none is pinned yet. */
export function Fingerprint({ value, className = "" }: { value: string | null; className?: string }) {
  if (value === null) {
    return <span className={`text-slate-500 italic ${className}`}>not pinned yet: pinned at first scan</span>;
  }
  return <code className={`font-mono text-xs break-all text-slate-800 ${className}`}>{value}</code>;
}
