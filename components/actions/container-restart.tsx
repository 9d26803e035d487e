import Link from "next/link";
import { containerRestartCommand } from "@/components/actions/breakage";
import { CopyButton } from "@/components/ui/copy-button";
import { SafeText } from "@/components/ui/safe-text";
import type { ProcessService } from "@/lib/shared/scan/types";

/**
 * A zombie parent inside a container: the container's id and the command that restarts it on the
 * host that runs it. Reaper only reaches the servers it was given, so the command is to copy.
 */
export function ContainerRestart({ service }: { service: ProcessService }) {
  const command = containerRestartCommand(service);
  if (!command) return null;
  return (
    <div data-testid="container-restart" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-sky-950">
      <p>
        <span className="font-semibold">
          In container <SafeText value={service.name} className="font-mono" />.
        </span>{" "}
        A container whose PID 1 is the application, not an init, never reaps the orphans it adopts: they stay until the container restarts. Reaper does not
        reach into hosts it was not given; on the host that runs this container:
      </p>
      <div className="mt-1.5 flex flex-wrap items-center gap-2">
        <code data-testid="container-restart-command" className="rounded bg-white px-1.5 py-0.5 font-mono text-slate-900">
          <SafeText value={command} />
        </code>
        <CopyButton text={command} label="Copy command" />
        <Link href="/fixes#container-init" className="font-medium text-sky-800 underline">
          For good: an init in the container →
        </Link>
      </div>
    </div>
  );
}
