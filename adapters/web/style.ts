// The register's one stylesheet, served at /register.css (the pages allow no inline style: their
// Content-Security-Policy takes styles from this address only). Colours keep text at 4.5:1 or more.
export const STYLE = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --link: #1d4f91; --bg: #ffffff; --band: #f3f2f1; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--link); }
a:focus, button:focus, select:focus, input:focus, summary:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header.site, footer.site { background: var(--band); padding: 8px 24px; }
header.site .site-name { margin: 0; font-weight: 700; }
footer.site { margin-top: 32px; color: var(--muted); font-size: 14px; }
main { padding: 8px 24px; max-width: 1200px; }
h1 { font-size: 28px; margin: 16px 0; overflow-wrap: anywhere; }
h2 { font-size: 22px; margin-top: 32px; border-bottom: 1px solid var(--line); }
h3 { font-size: 18px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin: 8px 0 16px; }
.filters label { font-weight: 600; }
.filters input, .filters select, .filters button { font: inherit; padding: 4px 8px; }
.filters button { background: #00703c; color: #fff; border: 0; border-radius: 3px; padding: 6px 16px; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
thead th { background: var(--band); }
.stage { display: block; color: var(--muted); font-size: 14px; }
.pager { display: flex; gap: 16px; align-items: center; margin: 16px 0; }
.twins { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.figure { margin: 0; }
svg.timeline { max-width: 1000px; font-size: 13px; }
svg.timeline text { fill: var(--ink); }
svg.timeline .grid { stroke: #dcdcdc; }
svg.timeline .stage rect { fill: #a7c7e7; stroke: #1d4f91; }
svg.timeline .stage.current rect { fill: #1d4f91; }
svg.timeline .window rect { fill: #ffe8a3; stroke: #8a6d00; }
svg.timeline .window.objected rect { fill: #f6d7d2; stroke: #942514; }
svg.timeline .ballot rect { stroke: #333; }
svg.timeline .ballot.passed rect { fill: #7fbf9a; }
svg.timeline .ballot.failed rect { fill: #e79a8f; }
svg.timeline .ballot.open rect { fill: #ffffff; stroke-dasharray: 4 3; }
svg.timeline .ballot.cancelled rect, svg.timeline .ballot.voided rect { fill: #d0d0d0; }
svg.timeline .deadline path { fill: #942514; }
svg.timeline .deadline.passed path { fill: #ffffff; stroke: #942514; stroke-width: 2; }
svg.timeline .today line { stroke: #942514; stroke-dasharray: 5 4; stroke-width: 2; }
.votes { columns: 2; }
`;
