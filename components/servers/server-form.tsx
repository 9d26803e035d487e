"use client";

import { useState, type FormEvent } from "react";
import { AuthFields } from "@/components/servers/auth-fields";
import { buildCreateBody, buildPatchBody, fieldMessage, initialValues, isFieldName, type FieldErrors, type ServerFormValues } from "@/components/servers/server-form-values";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { JumpHostField } from "@/components/servers/jump-host-field";
import { FieldNote, TextField, inputClass } from "@/components/ui/text-field";
import type { Server } from "@/lib/shared/servers/types";
import { isApiError } from "@/lib/client/fetcher";
import { useAccounts } from "@/lib/client/use-accounts";
import { postServer, patchServer } from "@/lib/client/use-servers";

type Request = { ok: true; send: () => Promise<Server> } | { ok: false; errors: FieldErrors };

function requestFor(values: ServerFormValues, server: Server | undefined): Request {
  if (server) {
    const built = buildPatchBody(values, server);
    return built.ok ? { ok: true, send: () => patchServer(server.id, built.body) } : built;
  }
  const built = buildCreateBody(values);
  return built.ok ? { ok: true, send: () => postServer(built.body) } : built;
}

/** Add a server (no `server`) or edit one (PATCH with only what changed). */
export function ServerForm({ server, onDone, onCancel }: { server?: Server; onDone: (server: Server) => void; onCancel: () => void }) {
  const [values, setValues] = useState<ServerFormValues>(() => initialValues(server));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { accounts } = useAccounts();

  const set = <K extends keyof ServerFormValues>(key: K, value: ServerFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(null);
    const request = requestFor(values, server);
    if (!request.ok) {
      setErrors(request.errors);
      return;
    }
    setBusy(true);
    try {
      onDone(await request.send());
    } catch (err) {
      const field = isApiError(err) ? err.detail("field") : null;
      const message = err instanceof Error ? err.message : "Saving failed. Try again.";
      if (isFieldName(field)) setErrors({ [field]: fieldMessage(field, message) });
      else setFormError(message);
      setBusy(false);
    }
  };

  // A pinned key changes through the verified host-key step, not by editing it here.
  const pinned = server?.hostKeyFingerprint !== null && server?.hostKeyFingerprint !== undefined && values.host.trim() === server.host && values.port.trim() === String(server.port);

  const text = (key: "name" | "host" | "port" | "username" | "hostKeyFingerprint") => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
    error: errors[key],
  });

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate>
      {formError ? <Callout tone="error">{formError}</Callout> : null}
      <TextField id="server-name" label="Name" placeholder="shop-web-01" autoComplete="off" {...text("name")} />
      <div className="grid grid-cols-[1fr_6rem] gap-3">
        <TextField id="server-host" label="Host" placeholder="203.0.113.10 or web1.example.com" autoComplete="off" spellCheck={false} {...text("host")} />
        <TextField id="server-port" label="Port" inputMode="numeric" {...text("port")} />
      </div>
      <TextField id="server-username" label="Username" placeholder="root" autoComplete="off" spellCheck={false} {...text("username")} />
      <AuthFields values={values} errors={errors} editing={server !== undefined} currentAuth={server?.authType ?? null} set={set} />
      <TextField
        id="server-host-key"
        label="Host key fingerprint"
        placeholder="SHA256:…"
        spellCheck={false}
        autoComplete="off"
        readOnly={pinned}
        hint={
          pinned
            ? "Pinned. A changed key is pinned from the server page once a scan shows it and you have verified it (or by moving the server to a new address)."
            : "Optional. Leave empty to pin the key the server presents at the first scan. Get it on the server with: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"
        }
        {...text("hostKeyFingerprint")}
      />
      <JumpHostField value={values.jumpServerId} onChange={(id) => set("jumpServerId", id)} error={errors.jumpServerId} selfId={server?.id} />
      <div>
        <label htmlFor="server-account" className="mb-1 block text-xs font-medium text-slate-700">
          Customer account
        </label>
        <select
          id="server-account"
          value={values.accountId}
          onChange={(e) => set("accountId", e.target.value)}
          aria-invalid={errors.accountId ? true : undefined}
          aria-describedby="server-account-note"
          className={inputClass}
        >
          <option value="">None (internal server)</option>
          {(accounts ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <FieldNote id="server-account-note" hint="The customer whose people see this server on their panel." error={errors.accountId} />
      </div>
      <div className="flex items-start gap-2">
        <input
          id="server-use-sudo"
          type="checkbox"
          checked={values.useSudo}
          onChange={(e) => set("useSudo", e.target.checked)}
          aria-describedby="server-use-sudo-note"
          className="mt-0.5 size-4 rounded border-slate-300"
        />
        <div>
          <label htmlFor="server-use-sudo" className="text-sm text-slate-800">
            Use sudo
          </label>
          <p id="server-use-sudo-note" className="text-xs text-slate-500">
            Run the scan through sudo (it must not ask for a password), to see every user&apos;s processes.
          </p>
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? <Spinner className="size-3.5" /> : null}
          Save
        </Button>
      </div>
    </form>
  );
}
