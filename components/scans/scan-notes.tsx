import { Callout } from "@/components/ui/callout";

/** Remarks about how the scan was made, e.g. "pstree is not installed: …", and what still runs. */
export function ScanNotes({ notes: made, psPending = false, pstreePending = false }: { notes: string[]; psPending?: boolean; pstreePending?: boolean }) {
  const notes = [
    ...made,
    ...(psPending ? ["ps is still running on the server: users, command lines, CPU and memory use appear here in a moment."] : []),
    ...(pstreePending ? ["pstree is still running on the server for the parents with the most zombies; their pstree view appears here when it ends."] : []),
  ];
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
