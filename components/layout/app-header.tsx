import Link from "next/link";
import { LogoutButton } from "@/components/auth/logout-button";
import { MainNav } from "@/components/layout/main-nav";
import { linksFor } from "@/components/layout/nav-links";
import type { User } from "@/lib/shared/auth/types";

/**
 * The bar on every logged-in page: the product name (home), the links the role has, who is logged
 * in, and Log out. On a phone the links wrap onto a second row and a long email is shortened, so
 * nothing pushes the page wider than the screen.
 */
export function AppHeader({ user }: { user: User }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-3 py-2 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 rounded text-base font-semibold tracking-tight text-slate-900">
          <span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-red-600" />
          Reaper
        </Link>
        <MainNav links={linksFor(user.role)} />
        <div className="ml-auto flex min-w-0 items-center gap-2 text-slate-600">
          <span className="flex min-w-0 items-center gap-1.5 text-xs">
            <span data-testid="current-user" className="max-w-36 min-w-0 truncate sm:max-w-xs" title={user.email}>
              {user.email}
            </span>
            <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600 uppercase">{user.role}</span>
          </span>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
