"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { isCurrent, type NavLink } from "@/components/layout/nav-links";

/** The header's links; the current page is marked for screen readers and by colour. */
export function MainNav({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
      <ul className="-mx-2 flex flex-wrap items-center gap-x-1 gap-y-0.5 text-sm">
        {links.map((l) => {
          const current = isCurrent(l.href, pathname);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded px-2 py-1 ${current ? "bg-slate-100 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
