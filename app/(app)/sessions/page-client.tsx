"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SessionsList } from "@/components/auth/sessions-list";
import { Callout } from "@/components/ui/callout";
import type { SessionInfo } from "@/lib/shared/auth/types";
import { endSession, useSessions } from "@/lib/client/use-sessions";

/** "Where you're logged in": every session of the caller, and a way to end any of them. */
export function SessionsPageClient({ initialSessions }: { initialSessions: SessionInfo[] }) {
  const router = useRouter();
  const { sessions = initialSessions } = useSessions(initialSessions);
  const [error, setError] = useState<string | null>(null);

  const end = async (s: SessionInfo) => {
    setError(null);
    try {
      await endSession(s.id);
      if (s.current) {
        router.replace("/login");
        router.refresh();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work. Try again.");
    }
  };

  return (
    <div className="max-w-3xl space-y-4">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Where you&apos;re logged in</h1>
        <p className="text-xs text-slate-500">If you see a place you do not recognise, log it out and ask an admin to reset your password.</p>
      </div>
      {error ? <Callout tone="error">{error}</Callout> : null}
      <SessionsList sessions={sessions} onEnd={(s) => void end(s)} />
    </div>
  );
}
