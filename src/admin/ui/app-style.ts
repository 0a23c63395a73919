/** The dashboard's stylesheet: system fonts, one column that wraps in a narrow window. */
export const APP_STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --accent: #0b5cad; --bad: #b3261e; --good: #1a7f37; --card: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --accent: #4493f8; --bad: #f85149; --good: #3fb950; --card: #151b23; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; justify-content: space-between; padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: var(--card); position: sticky; top: 0; z-index: 1; }
h1 { font-size: 1.2rem; margin: 0; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
main, #admin-gate, #message { max-width: 1400px; margin: 0 auto; padding: 0 1rem; }
section { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.muted { color: var(--muted); }
.error { color: var(--bad); font-weight: 600; }
.ok { color: var(--good); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
code, pre { font: .85rem/1.4 ui-monospace, monospace; }
pre { white-space: pre-wrap; word-break: break-all; background: var(--card); padding: .5rem; border-radius: 4px; margin: .25rem 0; max-height: 32rem; overflow: auto; }
button { font: inherit; padding: .25rem .7rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--bg); color: var(--accent); cursor: pointer; margin: .1rem .25rem .1rem 0; }
button:hover { background: var(--card); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
textarea { font: 13px/1.4 ui-monospace, monospace; width: 100%; max-width: 48rem; padding: .3rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
details.json-form { margin: .5rem 0; }
details.json-form summary { cursor: pointer; color: var(--accent); }
input, select { font: inherit; padding: .2rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); max-width: 100%; }
form.inline { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .5rem 0; }
.field { display: inline-flex; gap: .3rem; align-items: center; margin-right: .75rem; }
.actions { display: flex; flex-wrap: wrap; gap: .25rem; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 999px; border: 1px solid var(--line); }
.badge.bad { color: var(--bad); border-color: var(--bad); }
.badge.frozen { color: var(--accent); border-color: var(--accent); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 1rem 0; background: var(--card); }
details.json summary { cursor: pointer; color: var(--accent); }
#session p { margin: 0; }
@media (max-width: 700px) { header.top { position: static; } main, #admin-gate, #message { padding: 0 .5rem; } section { padding: .5rem; } }
`;
