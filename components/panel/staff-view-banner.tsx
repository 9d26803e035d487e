import Link from "next/link";

/** For staff on "View as customer": what this is, and the way back to the full page. */
export function StaffViewBanner({ serverId, email }: { serverId: string; email: string }) {
  return (
    <div data-testid="staff-view" role="note" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-sky-950">
      <p>
        You are seeing this server as its customer does. Anything you do here is recorded as <span className="font-medium">{email}</span>.
      </p>
      <Link href={`/servers/${serverId}`} className="rounded font-medium text-sky-800 underline">
        Back to the full server page
      </Link>
    </div>
  );
}
