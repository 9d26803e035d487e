import type { Metadata } from "next";
import { FixGuides } from "@/components/triage/fix-guides";
import { FIX_GUIDES } from "@/lib/shared/triage/fix-guides";

export const metadata: Metadata = { title: "Lasting fixes" };

/** The project's guide to each lasting fix the triage names (docs/fixes.md holds the same text). */
export default function FixesRoute() {
  return <FixGuides fixes={FIX_GUIDES} />;
}
