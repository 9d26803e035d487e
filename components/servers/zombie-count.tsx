import { formatCount } from "@/lib/shared/format/numbers";

/** Zombie count with a colour cue: green none, amber some, red many. */
export function ZombieCount({ count }: { count: number }) {
  const tone = count === 0 ? "bg-emerald-50 text-emerald-800 ring-emerald-600/25" : count < 20 ? "bg-amber-50 text-amber-900 ring-amber-600/30" : "bg-red-50 text-red-800 ring-red-600/30";
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${count === 0 ? "bg-emerald-500" : count < 20 ? "bg-amber-500" : "bg-red-500"}`} />
      {count === 0 ? "0 zombies" : `${formatCount(count)} zombie${count === 1 ? "" : "s"}`}
    </span>
  );
}
