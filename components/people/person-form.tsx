"use client";

import { useState, type FormEvent } from "react";
import { fieldMessage } from "@/components/servers/server-form-values";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { FieldNote, TextField, inputClass } from "@/components/ui/text-field";
import { ROLES, type Role } from "@/lib/shared/auth/types";
import type { AccountListItem } from "@/lib/shared/people/types";
import { isApiError } from "@/lib/client/fetcher";
import { postPerson } from "@/lib/client/use-people";

type Field = "email" | "password" | "role" | "accountId";

const ROLE_HINT: Record<Role, string> = {
  admin: "Everything, including people and accounts.",
  agent: "Support staff: every server, read-only accounts.",
  customer: "Sees and looks after only their account's servers, on the panel.",
};

/** A new login: email, a first password, a role, and for a customer the account it belongs to. */
export function PersonForm({ accounts, fixedAccountId, onDone, onCancel }: { accounts: AccountListItem[]; fixedAccountId?: string; onDone: () => void; onCancel: () => void }) {
  const [role, setRole] = useState<Role>(fixedAccountId ? "customer" : "agent");
  const [accountId, setAccountId] = useState(fixedAccountId ?? "");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await postPerson({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), role, ...(role === "customer" && { accountId }) });
      onDone();
    } catch (err) {
      const field = isApiError(err) ? err.detail("field") : null;
      const message = err instanceof Error ? err.message : "Saving failed. Try again.";
      if (field === "email" || field === "password" || field === "role" || field === "accountId") setErrors({ [field]: fieldMessage(field, message) });
      else setFormError(message);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate>
      {formError ? <Callout tone="error">{formError}</Callout> : null}
      <TextField id="person-email" name="email" label="Email" type="email" autoComplete="off" error={errors.email} />
      <TextField id="person-password" name="password" label="First password" type="password" autoComplete="new-password" hint="At least 8 characters. Give it to them over a channel you trust." error={errors.password} />
      <div>
        <label htmlFor="person-role" className="mb-1 block text-xs font-medium text-slate-700">
          Role
        </label>
        <select id="person-role" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={fixedAccountId !== undefined} className={inputClass}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <FieldNote id="person-role-note" hint={ROLE_HINT[role]} error={errors.role} />
      </div>
      {role === "customer" ? (
        <div>
          <label htmlFor="person-account" className="mb-1 block text-xs font-medium text-slate-700">
            Account
          </label>
          <select id="person-account" value={accountId} onChange={(e) => setAccountId(e.target.value)} disabled={fixedAccountId !== undefined} className={inputClass} aria-invalid={errors.accountId ? true : undefined}>
            <option value="">Choose the customer&apos;s account…</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldNote id="person-account-note" hint="They will see this account's servers only." error={errors.accountId} />
        </div>
      ) : null}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? <Spinner className="size-3.5" /> : null}
          Add person
        </Button>
      </div>
    </form>
  );
}
