import { describeThreshold, THRESHOLD_KEYS, THRESHOLD_WORDS } from "@/components/alerts/threshold-fields";
import type { Thresholds } from "@/lib/shared/alerts/types";

/** A set read-only, one line per threshold (what agents see). */
export function ThresholdsSummary({ thresholds }: { thresholds: Thresholds }) {
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
      {THRESHOLD_KEYS.map((key) => (
        <div key={key}>
          <dt className="text-xs text-slate-500">{THRESHOLD_WORDS[key].label}</dt>
          <dd data-testid={`threshold-${key}`} className="tabular-nums">
            {describeThreshold(key, thresholds[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
