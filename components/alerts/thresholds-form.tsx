"use client";

import { useState, type FormEvent } from "react";
import { parseFields, THRESHOLD_KEYS, THRESHOLD_WORDS, toFields, type ThresholdFields, type ThresholdKey } from "@/components/alerts/threshold-fields";
import { fieldMessage } from "@/components/servers/server-form-values";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import type { Thresholds } from "@/lib/shared/alerts/types";
import { isApiError } from "@/lib/client/fetcher";

const sameThresholds = (a: Thresholds, b: Thresholds) => THRESHOLD_KEYS.every((k) => a[k] === b[k]);

type Props = {
  /** Unique per form on the page: the inputs' ids start with it. */
  id: string;
  thresholds: Thresholds;
  onSave: (t: Thresholds) => Promise<void>;
  saveLabel?: string;
};

/** The four thresholds of one set as fields; empty turns one off. Nothing is saved unless all four are valid. */
export function ThresholdsForm({ id, thresholds, onSave, saveLabel = "Save thresholds" }: Props) {
  const [fields, setFields] = useState<ThresholdFields>(() => toFields(thresholds));
  const [errors, setErrors] = useState<Partial<Record<ThresholdKey, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  // A set saved elsewhere (or this save coming back) refills the fields; "Saved" stays.
  const [shown, setShown] = useState(thresholds);
  if (!sameThresholds(thresholds, shown)) {
    setShown(thresholds);
    setFields(toFields(thresholds));
  }

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFailure(null);
    setSaved(false);
    const parsed = parseFields(fields);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    setBusy(true);
    try {
      await onSave(parsed.value);
      setSaved(true);
    } catch (err) {
      const field = isApiError(err) ? err.detail("field") : null;
      const message = err instanceof Error ? err.message : "The thresholds could not be saved. Try again.";
      if (field && (THRESHOLD_KEYS as readonly string[]).includes(field)) setErrors({ [field]: fieldMessage(field, message) });
      else setFailure(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-4">
        {THRESHOLD_KEYS.map((key) => (
          <TextField
            key={key}
            id={`${id}-${key}`}
            label={`${THRESHOLD_WORDS[key].label} (${THRESHOLD_WORDS[key].unit})`}
            inputMode="numeric"
            value={fields[key]}
            placeholder="off"
            onChange={(e) => {
              setSaved(false);
              setFields({ ...fields, [key]: e.target.value });
            }}
            error={errors[key] ?? null}
          />
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" variant="primary" disabled={busy}>
          {busy ? <Spinner className="size-3" /> : null}
          {saveLabel}
        </Button>
        {saved ? (
          <span role="status" className="text-xs text-emerald-700">
            Saved: each server is judged by these at its next scan.
          </span>
        ) : null}
      </div>
      {failure ? <Callout tone="error">{failure}</Callout> : null}
    </form>
  );
}
