import { Callout } from "@/components/ui/callout";

/** Remarks about how the scan was made, e.g. "pstree is not installed: …". */
export function ScanNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <Callout tone="info" title={notes.length === 1 ? "Note about this scan" : "Notes about this scan"}>
      <ul className="list-disc space-y-0.5 pl-5">
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </Callout>
  );
}
