"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/lib/client/fetcher";

/** Ends the session and returns to the login page (even if the session had already expired). */
export function LogoutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  const logOut = async () => {
    setBusy(true);
    try {
      await sendJson("POST", "/api/auth/logout", undefined, { redirectOn401: false });
    } catch {
      // Already logged out or the server is down: either way the login page is the right place.
    }
    router.replace("/login");
    router.refresh();
  };

  return (
    <Button size="sm" variant="ghost" onClick={() => void logOut()} disabled={busy}>
      Log out
    </Button>
  );
}
