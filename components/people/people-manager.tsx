"use client";

import { useState } from "react";
import { PeopleTable } from "@/components/people/people-table";
import { PersonForm } from "@/components/people/person-form";
import { ResetPasswordDialog } from "@/components/people/reset-password-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import type { AccountListItem, Person } from "@/lib/shared/people/types";
import { patchPerson, removePerson } from "@/lib/client/use-people";

type Open = { kind: "add" } | { kind: "toggle" | "reset" | "delete"; person: Person } | null;

type Props = { people: Person[]; accounts: AccountListItem[]; selfId: string; fixedAccountId?: string };

/** The people table with add, disable/enable, reset password and delete (admin). */
export function PeopleManager({ people, accounts, selfId, fixedAccountId }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const names = new Map(accounts.map((a) => [a.id, a.name]));

  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <Button variant="primary" data-testid="add-person" onClick={() => setOpen({ kind: "add" })}>
          {fixedAccountId ? "Add a customer login" : "Add person"}
        </Button>
      </div>
      <PeopleTable
        people={people}
        accountNames={names}
        selfId={selfId}
        actions={{
          onToggle: (person) => setOpen({ kind: "toggle", person }),
          onReset: (person) => setOpen({ kind: "reset", person }),
          onDelete: (person) => setOpen({ kind: "delete", person }),
        }}
      />
      {open?.kind === "add" ? (
        <Dialog title={fixedAccountId ? `Add a login for ${names.get(fixedAccountId) ?? "this account"}` : "Add a person"} onClose={close}>
          <PersonForm accounts={accounts} fixedAccountId={fixedAccountId} onDone={close} onCancel={close} />
        </Dialog>
      ) : null}
      {open?.kind === "reset" ? <ResetPasswordDialog person={open.person} onClose={close} /> : null}
      {open?.kind === "toggle" ? (
        <ConfirmDialog
          title={open.person.disabled ? `Enable ${open.person.email}?` : `Disable ${open.person.email}?`}
          confirmLabel={open.person.disabled ? "Enable" : "Disable"}
          danger={!open.person.disabled}
          onClose={close}
          onConfirm={async () => {
            await patchPerson(open.person.id, { disabled: !open.person.disabled });
            close();
          }}
        >
          <p>
            {open.person.disabled
              ? "They can log in again with their password."
              : "They are logged out everywhere at once, cannot log in, and their API tokens stop working. Their audit history stays."}
          </p>
        </ConfirmDialog>
      ) : null}
      {open?.kind === "delete" ? (
        <ConfirmDialog
          title={`Delete ${open.person.email}?`}
          confirmLabel="Delete"
          danger
          onClose={close}
          onConfirm={async () => {
            await removePerson(open.person.id);
            close();
          }}
        >
          <p>Their login, sessions and API tokens go. What they did stays in the audit log under their email.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
