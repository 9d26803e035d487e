import Link from "next/link";
import { LogoutButton } from "@/components/auth/logout-button";
import type { User } from "@/lib/shared/auth/types";

/** The bar on every logged-in page: the product name (home), Servers, Audit and Fixes, who is logged in, and Log out. */
export function AppHeader({ user }: { user: User }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-12 max-w-7xl items-center justify-between px-6">
        <div className="flex items-center gap-6">
          <Link href="/" className="flex items-center gap-2 rounded text-base font-semibold tracking-tight text-slate-900">
            <span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-red-600" />
            Reaper
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1 text-sm">
            <Link href="/" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              Servers
            </Link>
            <Link href="/audit" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              Audit
            </Link>
            <Link href="/fixes" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              Fixes
            </Link>
          </nav>
        </div>
        <div className="flex items-center gap-3 text-slate-600">
          <span className="text-xs">
            <span data-testid="current-user">{user.email}</span>
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600 uppercase">{user.role}</span>
          </span>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
