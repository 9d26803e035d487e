import { describe, expect, it } from "vitest";
import { renderNoticePage, renderSnapshotPage } from "@/lib/server/snapshots/page/snapshot-page";
import { freezeSnapshot } from "@/lib/server/snapshots/freeze";
import { scanToShare } from "@/tests/support/snapshot-builders";

const body = freezeSnapshot({ scan: scanToShare(), serverName: `shop "web" <1>`, ticket: "ZD-4711", actions: [] });
const html = renderSnapshotPage(body, { createdAt: "2026-12-02T14:10:00.000Z", expiresAt: "2027-01-01T14:10:00.000Z" }, { url: "https://reaper.example/s/abc", imageUrl: "https://reaper.example/s/abc/image.png" });

describe("the snapshot page's HTML", () => {
  it("escapes names and command lines from the host, and shows invisible characters", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('&lt;/script&gt;<span class="esc">\\n</span>');
    expect(html).toContain("shop &quot;web&quot; &lt;1&gt;");
  });

  it("is not indexed and carries the unfurl tags with absolute URLs", () => {
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta property="og:image" content="https://reaper.example/s/abc/image.png">');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).toContain('<meta property="og:title" content="shop &quot;web&quot; &lt;1&gt;: 25 zombie processes found.">');
  });

  it("has no script and no link into the dashboard", () => {
    expect(html).not.toMatch(/<script|<a /i);
  });

  it("puts every process in a collapsed section and says redaction was applied", () => {
    expect(html).toMatch(/<details><summary>Every process on the host \(41\)<\/summary>/);
    expect(html).toContain("1 command line had something replaced by [redacted]");
    expect(html).toContain("Nothing was done on this server between this scan and the snapshot.");
  });

  it("answers dead links with a page of their own", () => {
    expect(renderNoticePage("Gone", "It <was> revoked.")).toContain("It &lt;was&gt; revoked.");
  });
});
