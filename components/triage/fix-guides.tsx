import type { FixWithGuide } from "@/lib/shared/triage/fix-guides";

/** Every lasting fix with its guide, each under an anchor (#php-fpm, ...) that the triage links to. */
export function FixGuides({ fixes }: { fixes: readonly FixWithGuide[] }) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-lg font-semibold text-slate-900">Lasting fixes for leaking zombie parents</h1>
        <p className="text-sm text-slate-600">
          Reaper clears zombies now; these changes stop the leak from coming back. A scan links each zombie parent it recognises to its fix here.
        </p>
        <nav aria-label="Fixes" className="flex flex-wrap gap-x-3 gap-y-1 pt-1 text-xs">
          {fixes.map((f) => (
            <a key={f.id} href={`#${f.id}`} className="text-blue-700 hover:underline">
              {f.name}
            </a>
          ))}
        </nav>
      </header>
      {fixes.map((f) => (
        <section key={f.id} id={f.id} aria-labelledby={`${f.id}-title`} data-testid="fix-guide" className="scroll-mt-4 space-y-2 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
          <h2 id={`${f.id}-title`} className="text-base font-semibold text-slate-900 first-letter:uppercase">
            {f.name}
          </h2>
          <p>
            <span className="font-medium text-slate-900">Cause. </span>
            {f.cause}
          </p>
          <p>
            <span className="font-medium text-slate-900">Fix. </span>
            {f.fix}
          </p>
          <p className="text-slate-600">{f.guide.why}</p>
          <ol className="list-decimal space-y-2 pl-5">
            {f.guide.steps.map((step, i) => (
              <li key={i}>
                {step.text}
                {step.code ? <pre className="mt-1 overflow-x-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{step.code}</pre> : null}
              </li>
            ))}
          </ol>
          <p>
            <span className="font-medium text-slate-900">Check. </span>
            {f.guide.check}
          </p>
        </section>
      ))}
    </div>
  );
}
