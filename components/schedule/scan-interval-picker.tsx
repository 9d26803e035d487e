"use client";

import { useState, type FormEvent } from "react";
import { choiceOf, describeInterval, minutesOf, SUGGESTED_MINUTES, type IntervalChoice, type IntervalMode } from "@/components/schedule/interval-choice";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { FieldNote, inputClass } from "@/components/ui/text-field";

type Props = {
  /** Unique on the page: the inputs' ids start with it. */
  id: string;
  value: number | null;
  /** What "off" means here: a server without an interval follows its account's. */
  offLabel: string;
  canEdit: boolean;
  onSave: (minutes: number | null) => Promise<void>;
};

/** Background scans: off, every 5 minutes, or every N minutes; read-only for those who may not change it. */
export function ScanIntervalPicker({ id, value, offLabel, canEdit, onSave }: Props) {
  const [choice, setChoice] = useState<IntervalChoice>(() => choiceOf(value));
  // A change saved elsewhere (or this save coming back) shows as the new choice; "Saved" stays.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setChoice(choiceOf(value));
  }
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!canEdit) {
    return (
      <p data-testid={`${id}-current`} className="text-sm">
        {value === null ? offLabel : describeInterval(value)}
      </p>
    );
  }

  const pick = (mode: IntervalMode) => {
    setSaved(false);
    setChoice({ ...choice, mode });
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const minutes = minutesOf(choice);
    if (!minutes.ok) return setError(minutes.error);
    setError(null);
    setBusy(true);
    try {
      await onSave(minutes.value);
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message.replace(/^scanIntervalMinutes: /, "") : "The interval could not be saved. Try again.");
    } finally {
      setBusy(false);
    }
  };

  const option = (mode: IntervalMode, label: string) => (
    <label className="flex items-center gap-1.5">
      <input type="radio" name={`${id}-mode`} checked={choice.mode === mode} onChange={() => pick(mode)} />
      {label}
    </label>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-2 text-sm" aria-label="Background scans">
      <div className="flex flex-col gap-1">
        {option("off", offLabel)}
        {option("five", `Every ${SUGGESTED_MINUTES} minutes`)}
        <div className="flex items-center gap-1.5">
          {option("custom", "Every")}
          <input
            id={`${id}-minutes`}
            aria-label="Minutes between scans"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-note`}
            inputMode="numeric"
            value={choice.minutes}
            onChange={(e) => {
              setSaved(false);
              setChoice({ mode: "custom", minutes: e.target.value });
            }}
            className={`${inputClass} w-20 py-0.5`}
          />
          minutes
        </div>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={busy}>
          {busy ? <Spinner className="size-3" /> : null}
          Save interval
        </Button>
        {saved ? (
          <span role="status" className="text-xs text-emerald-700">
            Saved
          </span>
        ) : null}
      </div>
      <FieldNote id={`${id}-note`} error={error} />
    </form>
  );
}
