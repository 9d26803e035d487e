import { Button } from "@/components/ui/button";

/** No servers yet: say what Reaper needs and offer to add the first one. */
export function ServersEmpty({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-900">No servers yet</h2>
      <p className="mx-auto mt-1 max-w-md text-slate-600">
        Add a customer&apos;s server with its SSH address and a key or password. Reaper then lists its zombie processes and which parents leave them behind.
      </p>
      <Button variant="primary" className="mt-4" onClick={onAdd}>
        Add your first server
      </Button>
    </div>
  );
}
