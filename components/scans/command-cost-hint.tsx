import { Callout } from "@/components/ui/callout";
import { commandCostHint } from "@/lib/shared/scan/command-cost";

/** Says when the server's account makes every command slow to start (rc files), and how to fix it. */
export function CommandCostHint({ commandCostMs }: { commandCostMs: number | null | undefined }) {
  const hint = commandCostHint(commandCostMs);
  if (hint === null) return null;
  return (
    <Callout tone="info" title="Commands are slow to start on this server" data-testid="command-cost-hint">
      {hint}
    </Callout>
  );
}
