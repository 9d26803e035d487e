import type { ReactNode } from "react";
import { inputClass } from "@/components/ui/text-field";

// The small labelled controls of filter rows and compact forms (fleet, audit log, webhooks): one
// look for all of them, label above, so rows of them wrap cleanly on a phone.

export type Choice = { value: string; label: string };

function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A select of `choices`; `width` is a Tailwind width class (the rows size each control to its content). */
export function SelectFilter({ id, label, value, choices, onChange, width }: { id: string; label: string; value: string; choices: Choice[]; onChange: (value: string) => void; width: string }) {
  return (
    <Labelled id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} ${width} py-1`}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** A search box: what it narrows is said by `placeholder`. */
export function SearchFilter({ id, label, value, placeholder, onChange, width }: { id: string; label: string; value: string; placeholder: string; onChange: (value: string) => void; width: string }) {
  return (
    <Labelled id={id} label={label}>
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className={`${inputClass} ${width} py-1`} />
    </Labelled>
  );
}
