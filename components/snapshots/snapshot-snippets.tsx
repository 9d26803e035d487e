"use client";

import { CopyButton } from "@/components/ui/copy-button";
import type { SnapshotSnippets } from "@/lib/shared/snapshots/types";

const FORMS: { key: keyof SnapshotSnippets; label: string; hint: string }[] = [
  { key: "link", label: "Link", hint: "for any ticket or chat: most show the picture by themselves" },
  { key: "markdown", label: "Markdown", hint: "the picture, linked to the page (GitHub, GitLab, Jira Cloud)" },
  { key: "html", label: "HTML", hint: "the picture, linked to the page (Zendesk, Freshdesk, email)" },
];

/** The three ready-to-paste forms of a snapshot link, each with its copy button. */
export function SnapshotSnippetList({ snippets }: { snippets: SnapshotSnippets }) {
  return (
    <ul className="space-y-3" data-testid="snapshot-snippets">
      {FORMS.map((f) => (
        <li key={f.key}>
          <div className="mb-1 flex items-center justify-between gap-2">
            <span className="text-xs font-medium text-slate-700">
              {f.label} <span className="font-normal text-slate-500">· {f.hint}</span>
            </span>
            <CopyButton text={snippets[f.key]} label={`Copy ${f.label.toLowerCase()}`} />
          </div>
          <code data-testid={`snippet-${f.key}`} className="block rounded bg-slate-100 px-2 py-1.5 font-mono text-xs break-all text-slate-900">
            {snippets[f.key]}
          </code>
        </li>
      ))}
    </ul>
  );
}
