import type { Role } from "@/lib/shared/auth/types";

const TONE: Record<Role, string> = { admin: "bg-violet-100 text-violet-800", agent: "bg-sky-100 text-sky-800", customer: "bg-slate-100 text-slate-700" };

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`rounded px-1.5 py-0.5 text-[11px] font-medium uppercase ${TONE[role]}`}>{role}</span>;
}
