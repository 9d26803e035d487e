import type { ReactNode } from "react";

type Props = {
  headings: string[];
  /** A last column with a heading only screen readers hear (e.g. "Actions"). */
  hiddenHeading?: string;
  children: ReactNode;
};

/** The dashboard's dense table frame: bordered card, muted header row, rows passed as children. */
export function DataTable({ headings, hiddenHeading, children }: Props) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs font-medium text-slate-500">
          <tr>
            {headings.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
            {hiddenHeading ? (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{hiddenHeading}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
