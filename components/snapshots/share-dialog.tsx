"use client";

import { useState, type FormEvent } from "react";
import { SnapshotSnippetList } from "@/components/snapshots/snapshot-snippets";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog } from "@/components/ui/dialog";
import { inputClass, TextField } from "@/components/ui/text-field";
import { formatUtc } from "@/lib/shared/format/time";
import { SNAPSHOT_DEFAULT_DAYS, SNAPSHOT_MAX_DAYS } from "@/lib/shared/schemas/snapshot";
import type { NewSnapshot } from "@/lib/shared/snapshots/types";
import { isApiError } from "@/lib/client/fetcher";
import { postSnapshot } from "@/lib/client/use-snapshots";

const EXPIRY_CHOICES = [7, SNAPSHOT_DEFAULT_DAYS, 90, SNAPSHOT_MAX_DAYS];

export type ShareWords = { title: string; intro: string; submit: string };

type Props = { serverId: string; scanId: string; words: ShareWords; onClose: () => void };

/** Freezes a scan (and what was done after it) into a link for a ticket; shows the link and its snippets once. */
export function ShareDialog({ serverId, scanId, words, onClose }: Props) {
  const [ticket, setTicket] = useState("");
  const [days, setDays] = useState(SNAPSHOT_DEFAULT_DAYS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [created, setCreated] = useState<NewSnapshot | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await postSnapshot(serverId, { scanId, ticket: ticket.trim() || undefined, expiresInDays: days }));
    } catch (err) {
      setError({ field: isApiError(err) ? err.detail("field") : null, message: err instanceof Error ? err.message : "Sharing failed. Try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={words.title} onClose={onClose} wide>
      {created ? (
        <div className="space-y-3" data-testid="snapshot-created">
          <Callout tone="success" title="Link ready: paste it into the ticket">
            Anyone with the link sees this scan, read-only, until {formatUtc(created.expiresAt)}. Secrets in command lines are hidden. Reaper shows the link
            only now; revoke it from the server&apos;s shared links.
          </Callout>
          <SnapshotSnippetList snippets={created.snippets} />
          <div className="flex justify-end gap-2">
            <a href={created.url} target="_blank" rel="noreferrer noopener" className="inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-200/70">
              Open the page
            </a>
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form className="space-y-3" onSubmit={(e) => void submit(e)}>
          <p className="text-sm text-slate-700">{words.intro}</p>
          <TextField
            id="snapshot-ticket"
            label="Ticket (optional)"
            placeholder="ZD-4711 or the ticket's URL"
            value={ticket}
            maxLength={200}
            onChange={(e) => setTicket(e.target.value)}
            hint="Shown on the page, so the reader knows which case it belongs to."
            error={error?.field === "ticket" ? error.message : null}
          />
          <div>
            <label htmlFor="snapshot-days" className="mb-1 block text-xs font-medium text-slate-700">
              The link works for
            </label>
            <select id="snapshot-days" className={inputClass} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {EXPIRY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} days{d === SNAPSHOT_DEFAULT_DAYS ? " (usual)" : ""}
                </option>
              ))}
            </select>
          </div>
          {error && error.field !== "ticket" ? (
            <Callout tone="error" title="Not shared">
              {error.message}
            </Callout>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={busy} data-testid="snapshot-create">
              {busy ? "Creating…" : words.submit}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
