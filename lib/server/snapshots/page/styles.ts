import "server-only";

// The page's own stylesheet, inline: it must look right in a ticket preview, on a phone, on paper
// and in the picture, without loading anything. Inline styles are allowed by the page policy.
export const SNAPSHOT_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f8fafc;color:#0f172a;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 20px 32px}
header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:4px 16px;border-bottom:1px solid #e2e8f0;padding-bottom:12px}
.brand{font-size:12px;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:#64748b}
h1{margin:2px 0 0;font-size:26px;line-height:1.2;word-break:break-word}
h2{margin:28px 0 10px;font-size:18px}
h3{margin:0;font-size:15px}
.meta{color:#475569;font-size:13px}
.verdict{margin:16px 0 0;padding:14px 16px;border-radius:10px;border:1px solid;font-size:17px;font-weight:600}
.verdict.ok{background:#ecfdf5;border-color:#a7f3d0;color:#065f46}
.verdict.warn{background:#fffbeb;border-color:#fde68a;color:#92400e}
.verdict.critical{background:#fef2f2;border-color:#fecaca;color:#991b1b}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:14px 0 0;padding:0;list-style:none}
.figures li{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:10px 12px}
.figures b{display:block;font-size:20px}
.figures span{color:#64748b;font-size:12px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:12px 14px;margin:0 0 12px;break-inside:avoid}
.tree{margin:8px 0 0;padding:0;list-style:none;font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-x:auto}
.tree li{white-space:nowrap}
.tree .parent{background:#fee2e2;color:#7f1d1d;border-radius:4px;padding:0 4px;font-weight:600}
.tree .zombie{color:#b91c1c}
.muted{color:#64748b}
table{width:100%;border-collapse:collapse;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e2e8f0}
th{color:#475569;font-weight:600;background:#f1f5f9}
td.cmd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600}
.badge.done{background:#dcfce7;color:#166534}.badge.refused{background:#fef3c7;color:#92400e}.badge.failed{background:#fee2e2;color:#991b1b}
details{margin-top:24px;background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:10px 14px}
summary{cursor:pointer;font-weight:600}
.scroll{overflow-x:auto}
.esc{background:#fef3c7;color:#92400e;border-radius:2px;font-family:ui-monospace,monospace}
footer{margin-top:28px;border-top:1px solid #e2e8f0;padding-top:12px;color:#64748b;font-size:12px}
.notice{max-width:560px;margin:15vh auto;padding:24px;background:#fff;border:1px solid #e2e8f0;border-radius:12px}
@media (max-width:640px){main{padding:16px 12px}h1{font-size:21px}.hide-narrow{display:none}}
@media print{body{background:#fff}main{max-width:none;padding:0}details{display:block}details>*{display:block}.card,.figures li{border-color:#cbd5e1}}
`;
