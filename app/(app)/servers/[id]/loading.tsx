import { Skeleton } from "@/components/ui/skeleton";

export default function LoadingServer() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the server">
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-16 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
