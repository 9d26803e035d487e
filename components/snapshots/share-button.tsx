"use client";

import { useState } from "react";
import { ShareDialog, type ShareWords } from "@/components/snapshots/share-dialog";
import { Button, type ButtonProps } from "@/components/ui/button";

export const STAFF_WORDS: ShareWords = {
  title: "Share to ticket",
  intro: "Freezes this scan, and what was done on the server after it, into a read-only page with a picture: a link for the ticket, no login needed.",
  submit: "Create link",
};

export const CUSTOMER_WORDS: ShareWords = {
  title: "Send this to support",
  intro: "Makes a read-only page of this check, and of what you did after it, with a link to paste into your ticket or email to support. Passwords in command lines are hidden.",
  submit: "Create link",
};

type Props = { serverId: string; scanId: string; label: string; words: ShareWords } & Pick<ButtonProps, "size" | "variant">;

/** A button that opens the share dialog for one scan. */
export function ShareButton({ serverId, scanId, label, words, size = "md", variant = "secondary" }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} variant={variant} onClick={() => setOpen(true)} data-testid="share-to-ticket">
        {label}
      </Button>
      {open ? <ShareDialog serverId={serverId} scanId={scanId} words={words} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
