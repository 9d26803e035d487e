import type { ReactNode } from "react";

type Tone = "info" | "warning" | "error" | "success";

const TONES: Record<Tone, string> = {
  info: "border-sky-200 bg-sky-50 text-sky-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  error: "border-red-300 bg-red-50 text-red-950",
  success: "border-emerald-300 bg-emerald-50 text-emerald-950",
};

/** A bordered message box; `role` makes errors announce themselves to screen readers. */
export function Callout({ tone, title, children, className = "", ...rest }: { tone: Tone; title?: ReactNode; children?: ReactNode; className?: string; "data-testid"?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2.5 ${TONES[tone]} ${className}`} {...rest}>
      {title ? <div className="font-semibold">{title}</div> : null}
      {children ? <div className={title ? "mt-1" : ""}>{children}</div> : null}
    </div>
  );
}
