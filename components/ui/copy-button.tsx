"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

// navigator.clipboard exists only in secure contexts (https or localhost); a dashboard reached
// over plain http on an internal address still gets a working copy through a hidden textarea.
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the textarea way
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

/** Copies `text`; says "Copied" for a moment (or "Copy failed" so the user selects it by hand). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1800);
    return () => clearTimeout(t);
  }, [state]);

  const onClick = async () => setState((await copyText(text)) ? "copied" : "failed");

  return (
    <Button size="sm" variant="secondary" onClick={() => void onClick()} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </Button>
  );
}
