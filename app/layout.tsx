import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Reaper", template: "%s · Reaper" },
  description: "Find and clear zombie processes on customer servers before they turn into 503s.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: a page built ahead of time would carry no CSP nonce, and the
  // browser would refuse its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans text-sm">{children}</body>
    </html>
  );
}
