// The header's navigation: one simple list. A page that belongs in the top bar adds a line here
// with the roles that see it (rights themselves live in lib/shared/actions/policy.ts).
import type { Role } from "@/lib/shared/auth/types";

export type NavLink = { href: string; label: string; roles: readonly Role[] };

const EVERYONE: readonly Role[] = ["admin", "agent", "customer"];
const STAFF: readonly Role[] = ["admin", "agent"];

export const NAV_LINKS: readonly NavLink[] = [
  { href: "/", label: "Servers", roles: EVERYONE },
  { href: "/fleet", label: "Fleet", roles: EVERYONE },
  { href: "/alerts", label: "Alerts", roles: EVERYONE },
  { href: "/audit", label: "Audit", roles: EVERYONE },
  { href: "/fixes", label: "Fixes", roles: EVERYONE },
  { href: "/accounts", label: "Accounts", roles: STAFF },
  { href: "/people", label: "People", roles: ["admin"] },
  { href: "/tokens", label: "Tokens", roles: EVERYONE },
  { href: "/sessions", label: "Sessions", roles: EVERYONE },
];

/** A customer's words for the same places: their servers, and what was done on them. */
const CUSTOMER_LABELS: Readonly<Record<string, string>> = { "/": "My servers", "/audit": "Activity" };

export function linksFor(role: Role): NavLink[] {
  return NAV_LINKS.filter((l) => l.roles.includes(role)).map((l) => (role === "customer" && CUSTOMER_LABELS[l.href] ? { ...l, label: CUSTOMER_LABELS[l.href] ?? l.label } : l));
}

/** Whether a link is the page being shown ("/" only for itself; others for their sub-pages too). */
export function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
