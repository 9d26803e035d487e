import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  onScanAgain?: () => void;
  onDismiss?: () => void;
  /** Make "Scan again" the primary button when scanning is the next step. */
  scanFirst?: boolean;
  children?: ReactNode;
};

/** What an agent can do after an action's answer: scan again to see the server now, or dismiss it. */
export function FollowUpButtons({ onScanAgain, onDismiss, scanFirst = false, children }: Props) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      {onScanAgain ? (
        <Button size="sm" variant={scanFirst ? "primary" : "secondary"} onClick={onScanAgain}>
          Scan again
        </Button>
      ) : null}
      {onDismiss ? (
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      ) : null}
      {children}
    </div>
  );
}
