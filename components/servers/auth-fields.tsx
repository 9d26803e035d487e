"use client";

import type { AuthType, FieldErrors, ServerFormValues } from "@/components/servers/server-form-values";
import { FieldNote, inputClass, TextField } from "@/components/ui/text-field";

type Props = {
  values: ServerFormValues;
  errors: FieldErrors;
  editing: boolean;
  /** The way the stored server logs in now, when editing. */
  currentAuth: AuthType | null;
  set: <K extends keyof ServerFormValues>(key: K, value: ServerFormValues[K]) => void;
};

const CHOICES: { value: AuthType; label: string }[] = [
  { value: "key", label: "SSH key" },
  { value: "password", label: "Login password" },
];

/** Key (private key + optional passphrase) or password; on edit, empty secrets keep the stored ones. */
export function AuthFields({ values, errors, editing, currentAuth, set }: Props) {
  const keeping = editing && currentAuth === values.authType;
  const keepHint = keeping ? "Leave empty to keep the current one (it is never shown)." : undefined;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-xs font-medium text-slate-700">Authentication</legend>
      <div className="inline-flex rounded-md border border-slate-300 bg-slate-100 p-0.5" role="group" aria-label="How Reaper logs in">
        {CHOICES.map((c) => (
          <button
            key={c.value}
            type="button"
            aria-pressed={values.authType === c.value}
            onClick={() => set("authType", c.value)}
            className={`rounded px-3 py-1 text-xs font-medium ${values.authType === c.value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {c.label}
          </button>
        ))}
      </div>
      {values.authType === "key" ? (
        <>
          <div>
            <label htmlFor="server-private-key" className="mb-1 block text-xs font-medium text-slate-700">
              Private key
            </label>
            <textarea
              id="server-private-key"
              value={values.privateKey}
              onChange={(e) => set("privateKey", e.target.value)}
              rows={5}
              spellCheck={false}
              autoComplete="off"
              placeholder={keeping ? "(unchanged)" : "-----BEGIN OPENSSH PRIVATE KEY-----"}
              aria-invalid={errors.privateKey ? true : undefined}
              aria-describedby="server-private-key-note"
              className={`${inputClass} font-mono text-xs`}
            />
            <FieldNote id="server-private-key-note" error={errors.privateKey} hint={keepHint ?? "Stored encrypted; never shown again."} />
          </div>
          <TextField
            id="server-passphrase"
            label="Passphrase"
            type="password"
            autoComplete="new-password"
            value={values.passphrase}
            onChange={(e) => set("passphrase", e.target.value)}
            error={errors.passphrase}
            hint={keeping ? keepHint : "Only if the key is encrypted."}
          />
        </>
      ) : (
        <TextField
          id="server-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set("password", e.target.value)}
          error={errors.password}
          hint={keepHint}
        />
      )}
    </fieldset>
  );
}
