import { Callout } from "@/components/ui/callout";

/** Remarks about how the scan was made, e.g. "pstree is not installed: …", and whether pstree still runs. */
export function ScanNotes({ notes: made, pstreePending = false }: { notes: string[]; pstreePending?: boolean }) {
  const notes = pstreePending ? [...made, "pstree is still running on the server for the parents with the most zombies; their pstree view appears here when it ends."] : made;
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
