/** The report as one self-contained HTML document: styles, chart library, data and script inline. */
import { CLIENT_SCRIPT } from './client-script.js';
import type { Panel, ReportModel, Section } from './report-model.js';
import { REPORT_CSS } from './styles.js';
import { vendorScripts } from './vendor-scripts.js';

// The page may load nothing from anywhere: a report must open offline, and a chart that tried
// to fetch something fails loudly in the headless test instead of silently at a user's desk.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** Renders `model` to a complete HTML document that needs no network to open. */
export function renderReportHtml(model: ReportModel): string {
  const sections = model.sections.map(renderSection).join('\n');
  const nav = [
    '<a href="#answer">Answer</a>',
    ...model.sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`),
    '<a href="#environment">Environment</a>',
  ].join('');
  const adviceItems = model.advice.sentences.map((s) => `<li class="outcome-${esc(s.outcome)}">${esc(s.text)}</li>`).join('\n');
  const warnings = model.warnings.length
    ? `<section class="warnings" id="warnings"><ul>${model.warnings.map((w) => `<li>Warning: ${esc(w)}</li>`).join('')}</ul></section>`
    : '';
  const c = model.comparison;
  const comparison = c
    ? `<section class="answer" id="changes" data-basis="${esc(c.basis)}">
<h2>Compared with BASE</h2>
<p class="${c.basis === 'compare' ? 'note' : 'basis-warning'}">${esc(c.basisNote)}</p>
<ul>${c.sentences.map((s) => `<li${s.startsWith('Regression') ? ' class="regression"' : ''}>${esc(s)}</li>`).join('')}</ul>
</section>`
    : '';
  const notes = model.notes.length ? `<h3>Cells without a result</h3><ul>${model.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const env = model.environment.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const data = JSON.stringify(model).replace(/</g, '\\u003c');
  const vendors = vendorScripts()
    .map((v) => `<script data-lib="${esc(v.name)}">\n${v.source.replace(/<\/script/gi, '<\\/script')}\n</script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>${esc(model.title)}</h1>
<p class="sources">${model.sources.map(esc).join(' · ')}</p>
<nav>${nav}</nav>
${warnings}
${comparison}
<section class="answer" id="answer">
<h2>Where gathering beats copying</h2>
<p class="note">${esc(model.advice.legend)} ${esc(model.advice.intervals)}</p>
${adviceItems ? `<ul>${adviceItems}</ul>` : '<p>No gather and coalesce cells of the same uniform shape to compare.</p>'}
${notes}
</section>
${sections}
<section id="environment">
<h2>Environment</h2>
<table class="env">${env}</table>
</section>
<script type="application/json" id="report-data">${data}</script>
${vendors}
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

function renderSection(s: Section): string {
  const blocks = s.blocks
    .map(
      (b) => `<h3>${esc(b.title)}</h3>
<div class="grid" style="--cols: ${Math.max(1, b.columns)}">
${b.panels.map(renderPanel).join('\n')}
</div>`,
    )
    .join('\n');
  return `<section id="${esc(s.id)}">
<h2>${esc(s.title)}</h2>
<p class="note">${esc(s.note)}</p>
<div class="legend" data-legend="${esc(s.legend)}"></div>
${blocks}
</section>`;
}

function renderPanel(p: Panel): string {
  return `<div class="panel" data-panel="${esc(p.id)}"><p class="panel-title">${esc(p.title)}</p></div>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
