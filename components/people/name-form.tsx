"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { fieldMessage } from "@/components/servers/server-form-values";

type Props = { id: string; label: string; submitLabel: string; initial?: string; placeholder?: string; onSubmit: (name: string) => Promise<void> };

/** One name and a button (a new account, a rename, a new token); the API's complaint under it. */
export function NameForm({ id, label, submitLabel, initial = "", placeholder, onSubmit }: Props) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name);
      if (!initial) setName("");
    } catch (err) {
      setError(err instanceof Error ? fieldMessage("name", err.message) : "That did not work. Try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-start gap-2" noValidate>
      <TextField id={id} label={label} value={name} onChange={(e) => setName(e.target.value)} placeholder={placeholder} maxLength={100} autoComplete="off" error={error} className="min-w-0 flex-1 basis-56" />
      <Button type="submit" variant="primary" className="mt-5" disabled={busy || name.trim() === ""}>
        {busy ? <Spinner className="size-3.5" /> : null}
        {submitLabel}
      </Button>
    </form>
  );
}
