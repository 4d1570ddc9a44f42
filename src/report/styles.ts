/** The report page's stylesheet, inlined. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; padding: 24px 32px 48px; max-width: 1600px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 4px; padding-top: 12px; border-top: 1px solid var(--rule); }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); font-weight: 600; }
.sources, .note { color: var(--muted); margin: 0 0 8px; }
nav { margin: 12px 0 8px; font-size: 13px; }
nav a { margin-right: 14px; color: #1a5fb4; text-decoration: none; }
.answer { background: #f6f8f7; border: 1px solid #d8e3dd; border-radius: 6px; padding: 12px 18px; margin-top: 16px; }
.answer h2 { border: 0; margin: 0 0 6px; padding: 0; }
.answer ul { margin: 6px 0 0; padding-left: 18px; }
.answer li { margin: 3px 0; }
li.outcome-gather::marker { color: #1b7f5f; }
li.outcome-copy::marker { color: #d95f02; }
li.regression { color: #b3161d; font-weight: 600; }
.warnings, .basis-warning { background: #fff4e5; border: 1px solid #f0c36d; border-radius: 6px; padding: 8px 14px; margin: 12px 0 0; }
.warnings ul { margin: 0; padding-left: 18px; }
.legend { margin: 6px 0 4px; }
.grid { display: grid; grid-template-columns: repeat(var(--cols), max-content); gap: 6px 14px; overflow-x: auto; padding-bottom: 4px; }
.panel { min-width: 120px; }
.panel-title { font-size: 12px; font-weight: 600; margin: 0 0 2px; }
.panel[data-error] { color: #b3161d; }
table.env { border-collapse: collapse; margin-top: 8px; }
table.env th { text-align: left; padding: 2px 16px 2px 0; color: var(--muted); font-weight: 500; vertical-align: top; }
table.env td { padding: 2px 0; }
`;
