import { Callout } from "@/components/ui/callout";
import { SafeText } from "@/components/ui/safe-text";
import { knownService } from "@/components/actions/breakage";
import { ContainerRestart } from "@/components/actions/container-restart";
import type { Parent } from "@/lib/shared/scan/types";

/** The zombies belong to the namespace's PID 1: no signal can help; say what to do instead. */
export function Pid1Notice({ parent }: { parent: Parent }) {
  const service = knownService(parent);
  const named = service && service.kind !== "cgroup" ? service.name : null;
  return (
    <Callout tone="info" data-testid="pid1-notice" title="The parent is PID 1: Reaper sends it no signal">
      <p>
        <span className="font-mono">
          <SafeText value={parent.comm} /> (1)
        </span>{" "}
        is the init of this container or namespace and does not reap its children. Ending PID 1 would stop everything inside it, so Reaper offers no
        reap, terminate or kill here.
      </p>
      <p className="mt-1 font-medium">
        Instead: restart the container{named ? (
          <>
            {" "}
            (<SafeText value={named} />)
          </>
        ) : null}{" "}
        or the service that runs it. For good, give it an init that reaps (for example run it with <code className="font-mono">--init</code> or tini).
      </p>
      {service?.kind === "container" ? (
        <div className="mt-2">
          <ContainerRestart service={service} />
        </div>
      ) : null}
    </Callout>
  );
}
