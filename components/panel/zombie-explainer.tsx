/** What a zombie is and why it matters, in two sentences. */
export function ZombieExplainer() {
  return (
    <section data-testid="zombie-explainer" aria-labelledby="what-is-a-zombie" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 id="what-is-a-zombie" className="text-sm font-semibold text-slate-900">
        What is a zombie process?
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        A zombie is a finished task that the program which started it never cleaned up after, so it keeps holding one of the server&apos;s process IDs.
        When zombies pile up the server runs out of process IDs, new tasks cannot start, and your sites answer &ldquo;503 Service Unavailable&rdquo;.
      </p>
    </section>
  );
}
