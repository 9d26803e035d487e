import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-20">
      <p className="text-sm font-medium text-slate-500">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">Nothing here</h1>
      <p className="mt-2 text-slate-600">
        This page or server does not exist, or you may not see it. A server may have been deleted, or the link may be mistyped.
      </p>
      <Link href="/" className="mt-6 inline-flex h-8 items-center rounded-md bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700">
        Go to the server list
      </Link>
    </main>
  );
}
