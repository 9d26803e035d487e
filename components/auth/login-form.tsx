"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { isApiError, sendJson } from "@/lib/client/fetcher";

function messageFor(e: unknown): string {
  if (!isApiError(e)) return "Logging in failed. Try again.";
  switch (e.code) {
    case "INVALID_CREDENTIALS":
      return "That email and password do not match an account. Check both and try again.";
    case "RATE_LIMITED":
    case "VALIDATION":
    default:
      return e.message;
  }
}

/** Email and password; on success goes to `next` (already checked to be a path on this site). */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await sendJson("POST", "/api/auth/login", { email: form.get("email"), password: form.get("password") }, { redirectOn401: false });
      router.replace(next);
      router.refresh();
    } catch (err) {
      setError({ message: messageFor(err), field: isApiError(err) ? err.detail("field") : null });
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
      {error ? (
        <Callout tone="error" data-testid="login-error">
          {error.message}
        </Callout>
      ) : null}
      <TextField id="email" name="email" label="Email" type="email" autoComplete="username" required autoFocus aria-invalid={error?.field === "email" || undefined} />
      <TextField id="password" name="password" label="Password" type="password" autoComplete="current-password" required aria-invalid={error?.field === "password" || undefined} />
      <Button type="submit" variant="primary" size="lg" className="w-full" disabled={busy}>
        {busy ? <Spinner className="size-3.5" /> : null}
        Log in
      </Button>
    </form>
  );
}
