// What an agent pastes into a ticket: the bare link, a Markdown image that links to the page, and the
// same in HTML. The alt text holds a server name someone typed, so each form escapes it for its syntax.
import type { SnapshotSnippets } from "@/lib/shared/snapshots/types";

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const escapeMarkdownText = (s: string): string => s.replace(/[\\[\]()`*_<>!]/g, (c) => `\\${c}`);

export function snapshotSnippets(link: string, imageLink: string, alt: string): SnapshotSnippets {
  return {
    link,
    markdown: `[![${escapeMarkdownText(alt)}](${imageLink})](${link})`,
    html: `<a href="${escapeHtml(link)}"><img src="${escapeHtml(imageLink)}" alt="${escapeHtml(alt)}" width="600"></a>`,
  };
}

export { escapeHtml };
