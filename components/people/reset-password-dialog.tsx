"use client";

import { useState, type FormEvent } from "react";
import { fieldMessage } from "@/components/servers/server-form-values";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import type { Person } from "@/lib/shared/people/types";
import { patchPerson } from "@/lib/client/use-people";

/** A new password for someone; every session they have ends, so whoever had the old one is out. */
export function ResetPasswordDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await patchPerson(person.id, { password: String(new FormData(e.currentTarget).get("password") ?? "") });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? fieldMessage("password", err.message) : "That did not work. Try again.");
      setBusy(false);
    }
  };

  return (
    <Dialog title={`New password for ${person.email}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate>
        <TextField id="reset-password" name="password" label="New password" type="password" autoComplete="new-password" hint="At least 8 characters. They are logged out everywhere." error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? <Spinner className="size-3.5" /> : null}
            Set password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
