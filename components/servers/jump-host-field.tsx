"use client";

import { FieldNote, inputClass } from "@/components/ui/text-field";
import { useServers } from "@/lib/client/use-servers";

type Props = { value: string; onChange: (serverId: string) => void; error?: string; /** The server being edited: not its own jump host. */ selfId?: string };

/** Which saved server to connect through (a bastion), or none. The API refuses loops and chains of more than two. */
export function JumpHostField({ value, onChange, error, selfId }: Props) {
  const { servers } = useServers();
  const choices = (servers ?? []).filter((s) => s.id !== selfId);
  return (
    <div>
      <label htmlFor="server-jump" className="mb-1 block text-xs font-medium text-slate-700">
        Jump host
      </label>
      <select
        id="server-jump"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby="server-jump-note"
        className={inputClass}
      >
        <option value="">None: connect directly</option>
        {choices.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.username}@{s.host}:{s.port})
          </option>
        ))}
      </select>
      <FieldNote
        id="server-jump-note"
        error={error}
        hint="Optional. Reaper logs in to that saved server first and reaches this one through it (an SSH tunnel), checking both host keys. The host above is then as the jump host sees it."
      />
    </div>
  );
}
