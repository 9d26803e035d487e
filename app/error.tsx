"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** Any unexpected failure while rendering a page. The details stay in the server's log. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <main className="mx-auto max-w-lg px-6 py-20">
      <h1 className="text-xl font-semibold tracking-tight">Something went wrong on this page</h1>
      <p className="mt-2 text-slate-600">
        Reaper hit an unexpected problem while showing it. Nothing was done on any server. Try again; if it keeps happening, tell whoever runs Reaper
        {digest ? " and quote the reference below" : ""}.
      </p>
      {digest ? <p className="mt-3 font-mono text-xs text-slate-500">Reference: {digest}</p> : null}
      <div className="mt-6 flex gap-2">
        <Button variant="primary" onClick={() => retry()}>
          Try again
        </Button>
        <Link href="/" className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100">
          Go to the server list
        </Link>
      </div>
    </main>
  );
}
