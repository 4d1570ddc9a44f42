/**
 * The script the report page runs: it reads the embedded model (report-model.ts) and draws one
 * Observable Plot chart into every `[data-panel]` element, plus one shared legend per section.
 * Plain browser JavaScript (the globals `d3` and `Plot` come from the inlined bundles). A panel
 * that fails to draw logs `console.error` and shows the error in place, so a broken chart is
 * visible in the page and in a headless test; `body[data-rendered]` is set when every panel is done.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('report-data').textContent);
  var KNOWN = { gather: '#1b7f5f', coalesce: '#d95f02', sequential: '#7570b3' };
  var strategyColor = {
    domain: model.strategies,
    range: model.strategies.map(function (s, i) { return KNOWN[s] || d3.schemeTableau10[i % 10]; }),
  };
  var ratioColor = {
    type: 'diverging-log', pivot: 1, scheme: 'PiYG',
    domain: [1 / model.ratioExtent, model.ratioExtent], label: 'gather ÷ coalesce',
  };
  var verdictColor = {
    domain: ['regression', 'inconclusive', 'improvement', 'ok'],
    range: ['#d62728', '#e08a1e', '#2a9d3f', '#8a8a8a'],
  };
  var panels = {};
  model.sections.forEach(function (s) {
    s.blocks.forEach(function (b) { b.panels.forEach(function (p) { panels[p.id] = p; }); });
  });
  var si = d3.format('.3~s');
  var plain = d3.format('.3~g');
  // SI prefixes for large values only: "800m" for 0.8 Gbit/s would read as megabits.
  function fmt(v) { return Math.abs(v) >= 1000 ? si(v) : plain(v); }

  function lines(p) {
    var xs = Array.from(new Set(p.points.map(function (d) { return d.x; }))).sort(function (a, b) { return a - b; });
    var bars = p.points.filter(function (d) { return d.lo !== null && d.hi !== null && (!p.yLog || d.lo > 0); });
    return Plot.plot({
      width: 250, height: 180, marginLeft: 46, marginBottom: 34,
      style: { fontSize: '10px', overflow: 'visible' },
      x: xs.length > 1
        ? { type: 'log', base: 2, ticks: xs, tickFormat: String, label: p.xLabel, labelAnchor: 'center' }
        : { type: 'point', domain: xs, label: p.xLabel, labelAnchor: 'center' },
      y: p.yLog
        ? { type: 'log', label: p.yLabel, grid: true, tickFormat: fmt, ticks: 4 }
        : { type: 'linear', label: p.yLabel, grid: true, zero: true, nice: true, tickFormat: fmt, ticks: 5 },
      color: strategyColor,
      marks: [
        Plot.ruleX(bars, { x: 'x', y1: 'lo', y2: 'hi', stroke: 'series', strokeOpacity: 0.6 }),
        Plot.line(p.points, { x: 'x', y: 'y', stroke: 'series', z: 'series', marker: 'circle-stroke' }),
        Plot.tip(p.points, Plot.pointer({
          x: 'x', y: 'y',
          title: function (d) {
            return d.series + ', ' + d.x + ' buffers: ' + fmt(d.y) + ' ' + p.yLabel +
              (d.lo !== null ? ' [' + fmt(d.lo) + ', ' + fmt(d.hi) + ']' : '');
          },
        })),
      ],
    });
  }

  function heatmap(p) {
    return Plot.plot({
      width: 70 + 46 * p.xDomain.length, height: 50 + 26 * p.yDomain.length, marginLeft: 60, marginBottom: 34,
      style: { fontSize: '10px' },
      x: { type: 'band', domain: p.xDomain, label: 'buffers', labelAnchor: 'center' },
      y: { type: 'band', domain: p.yDomain, label: 'buffer size', reverse: true },
      color: ratioColor,
      marks: [
        Plot.cell(p.cells, {
          x: 'buffers', y: 'size', fill: 'ratio', inset: 1,
          stroke: function (d) { return d.verdict === 'gather' || d.verdict === 'copy' ? '#222' : 'none'; },
          strokeWidth: 1.5,
        }),
        Plot.text(p.cells, {
          x: 'buffers', y: 'size', fontSize: 9,
          fill: function (d) { return Math.abs(Math.log(d.ratio)) > 0.6 * Math.log(model.ratioExtent) ? 'white' : 'black'; },
          text: function (d) { return (d.verdict === 'same' ? '≈' : '') + d.ratio.toFixed(2); },
        }),
        Plot.tip(p.cells, Plot.pointer({
          x: 'buffers', y: 'size',
          title: function (d) {
            return d.buffers + ' × ' + d.size + ': ' + d.ratio.toFixed(2) + '× [' + d.low.toFixed(2) + ', ' + d.high.toFixed(2) + '], ' +
              ({ gather: 'gathering wins', copy: 'copying wins', same: 'within noise', unknown: 'noise unknown' })[d.verdict];
          },
        })),
      ],
    });
  }

  function compare(p) {
    var lo = d3.min(p.rows, function (d) { return d.low; });
    var hi = d3.max(p.rows, function (d) { return d.high; });
    return Plot.plot({
      width: 520, height: 44 + 15 * p.rows.length, marginLeft: 170, marginBottom: 34,
      style: { fontSize: '10px' },
      x: { type: 'linear', domain: [Math.min(lo, 0.95), Math.max(hi, 1.05)], nice: true, label: 'NEW ÷ BASE', grid: true, tickFormat: '.2~f', labelAnchor: 'center' },
      y: { domain: p.rows.map(function (d) { return d.label; }), label: null },
      color: verdictColor,
      marks: [
        Plot.ruleX([1], { stroke: '#444' }),
        Plot.ruleY(p.rows, { y: 'label', x1: 'low', x2: 'high', stroke: 'verdict', strokeWidth: 2 }),
        Plot.dot(p.rows.filter(function (d) { return !d.noisy; }), { y: 'label', x: 'ratio', fill: 'verdict', r: 3 }),
        Plot.dot(p.rows.filter(function (d) { return d.noisy; }), { y: 'label', x: 'ratio', stroke: 'verdict', fill: 'white', r: 3 }),
        Plot.tip(p.rows, Plot.pointer({
          y: 'label', x: 'ratio',
          title: function (d) {
            return d.label + ': ' + d.ratio.toFixed(3) + '× [' + d.low.toFixed(3) + ', ' + d.high.toFixed(3) + '] ' + d.verdict +
              (d.noisy ? ' (noisy)' : '') + (d.p !== null ? ', p ' + plain(d.p) + ' after Holm' : '');
          },
        })),
      ],
    });
  }

  var LEGENDS = {
    strategy: function () { return Plot.legend({ color: strategyColor }); },
    ratio: function () {
      var e = model.ratioExtent;
      return Plot.legend({ color: ratioColor, width: 360, ticks: [1 / e, 1 / Math.sqrt(e), 1, Math.sqrt(e), e], tickFormat: '.2~f' });
    },
    compare: function () { return Plot.legend({ color: verdictColor }); },
  };
  var DRAW = { lines: lines, heatmap: heatmap, compare: compare };

  document.querySelectorAll('[data-legend]').forEach(function (el) {
    try {
      el.appendChild(LEGENDS[el.getAttribute('data-legend')]());
    } catch (err) {
      console.error('legend ' + el.getAttribute('data-legend') + ' failed: ' + err);
    }
  });
  document.querySelectorAll('[data-panel]').forEach(function (el) {
    var id = el.getAttribute('data-panel');
    var p = panels[id];
    try {
      if (!p) throw new Error('no data for this panel');
      el.appendChild(DRAW[p.kind](p));
    } catch (err) {
      el.setAttribute('data-error', String(err));
      el.appendChild(document.createTextNode('chart failed: ' + err));
      console.error('panel ' + id + ' failed: ' + err);
    }
  });
  document.body.setAttribute('data-rendered', 'true');
})();
`;
