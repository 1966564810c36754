(function () {
  'use strict';
  // Render status lives in data attributes (body: data-rendered, data-charts, data-notes, data-errors,
  // data-render-ms; each chart's div: data-status), out of the reader's sight; the Chromium test reads them.
  var errors = [];
  function fail(line) { errors.push(line); document.body.setAttribute('data-errors', errors.join(' | ')); }
  window.onerror = function (msg) { fail('window.onerror: ' + msg); };
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  var panelNames = data.panels.map(function (p) { return p.panel; });
  data.panels.forEach(function (p, i) {
    charts.push({ id: 'heat-' + i, section: 'compatibility', note: p.heat_note, title: 'Rank-1 (%) ' + p.panel, spec: {
      data: { values: data.heat.filter(function (d) { return d.panel === p.panel; }) },
      mark: 'rect',
      encoding: {
        x: { field: 'target', type: 'nominal', sort: p.order, title: 'target' },
        y: { field: 'source', type: 'nominal', sort: p.order, title: 'source' },
        color: { field: 'rank1', type: 'quantitative', scale: { domain: [0, 100], scheme: 'viridis' }, title: 'Rank-1 %' },
        tooltip: [{ field: 'source' }, { field: 'target' }, { field: 'rank1' }, { field: 'n', title: 'seeds' }]
      } } });
    if (p.linkability) {
      charts.push({ id: 'link-' + i, section: 'compatibility', title: 'Template linkability D_sys ' + p.panel + ' (0 unlinkable, 1 fully linkable)', spec: {
        data: { values: data.heat.filter(function (d) { return d.panel === p.panel; }) },
        mark: 'rect',
        encoding: {
          x: { field: 'target', type: 'nominal', sort: p.order, title: 'target' },
          y: { field: 'source', type: 'nominal', sort: p.order, title: 'source' },
          color: { field: 'dsys', type: 'quantitative', scale: { domain: [0, 1], scheme: 'reds' }, title: 'D_sys' },
          tooltip: [{ field: 'source' }, { field: 'target' }, { field: 'dsys', title: 'D_sys' }, { field: 'n', title: 'seeds' }]
        } } });
    }
    var segs = data.dendro.filter(function (d) { return d.panel === p.panel; });
    charts.push({ id: 'dendro-' + i, section: 'compatibility', note: p.tree_note, title: 'Dendrogram ' + p.panel + ' (distance 100 - symmetrised Rank-1)', spec: {
      data: { values: segs },
      layer: [
        { transform: [{ filter: 'datum.label == null' }], mark: 'rule',
          encoding: { x: { field: 'x', type: 'quantitative', axis: null, scale: { domain: [-0.5, p.order.length - 0.5] } },
            x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative', title: 'distance' }, y2: { field: 'y2' } } },
        { transform: [{ filter: 'datum.label != null' }], mark: { type: 'text', angle: 300, align: 'right', dy: 8 },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } }
      ] } });
    charts.push({ id: 'flow-' + i, section: 'compatibility', title: 'Incoming vs outgoing Rank-1 ' + p.panel, spec: {
      data: { values: data.flow.filter(function (d) { return d.panel === p.panel; }) },
      mark: 'bar',
      encoding: {
        y: { field: 'model', type: 'nominal', sort: p.order },
        yOffset: { field: 'direction' },
        x: { field: 'rank1', type: 'quantitative', title: 'mean Rank-1 %' },
        color: { field: 'direction', type: 'nominal' },
        tooltip: [{ field: 'model' }, { field: 'direction' }, { field: 'rank1' }, { field: 'n', title: 'pairs' }]
      } } });
  });
  var pairs = [];
  var crossPair = null;
  var cmcRows = [], rocRows = [];
  data.curves.forEach(function (c) {
    if (pairs.indexOf(c.pair) < 0) { pairs.push(c.pair); }
    if (!c.self && crossPair === null) { crossPair = c.pair; }
    c.cmc.forEach(function (v, k) { cmcRows.push({ pair: c.pair, method: c.method, k: k + 1, rate: v }); });
    c.roc.forEach(function (p) { if (p[0] > 0) { rocRows.push({ pair: c.pair, method: c.method, fmr: p[0], fnmr: p[1], tmr: 1 - p[1] }); } });
  });
  var firstPair = crossPair || pairs[0];
  function pairParam() { return [{ name: 'pair', value: firstPair, bind: { input: 'select', options: pairs, name: 'pair ' } }]; }
  charts.push({ id: 'cmc', section: 'pairs', title: 'CMC (mean over seeds), choose the pair', spec: {
    params: pairParam(), data: { values: cmcRows }, transform: [{ filter: 'datum.pair == pair' }],
    mark: 'line', encoding: { x: { field: 'k', type: 'quantitative', title: 'rank k' }, y: { field: 'rate', type: 'quantitative', title: 'Rank-k %' }, color: { field: 'method', type: 'nominal' } } } });
  charts.push({ id: 'roc', section: 'pairs', title: 'ROC (lowest seed), choose the pair', spec: {
    params: pairParam(), data: { values: rocRows }, transform: [{ filter: 'datum.pair == pair' }],
    mark: 'line', encoding: { x: { field: 'fmr', type: 'quantitative', scale: { type: 'log' }, title: 'FMR' }, y: { field: 'tmr', type: 'quantitative', title: 'TMR' }, color: { field: 'method', type: 'nominal' } } } });
  charts.push({ id: 'det', section: 'pairs', title: 'DET (lowest seed), choose the pair', spec: {
    params: pairParam(), data: { values: rocRows.filter(function (r) { return r.fnmr > 0; }) }, transform: [{ filter: 'datum.pair == pair' }],
    mark: 'line', encoding: { x: { field: 'fmr', type: 'quantitative', scale: { type: 'log' }, title: 'FMR' }, y: { field: 'fnmr', type: 'quantitative', scale: { type: 'log' }, title: 'FNMR' }, color: { field: 'method', type: 'nominal' } } } });
  if (data.link_curves.length > 0) {
    var densities = [];
    data.link_curves.forEach(function (d) {
      densities.push({ pair: d.pair, method: d.method, score: d.score, set: 'mated', density: d.mated });
      densities.push({ pair: d.pair, method: d.method, score: d.score, set: 'non-mated', density: d.non_mated });
    });
    charts.push({ id: 'link-density', section: 'pairs', title: 'Linkability: mated (other capture) and non-mated score densities (lowest seed)', spec: {
      params: pairParam(), data: { values: densities }, transform: [{ filter: 'datum.pair == pair' }],
      mark: 'line', encoding: { x: { field: 'score', type: 'quantitative', title: 'score' }, y: { field: 'density', type: 'quantitative', title: 'density' },
        color: { field: 'method', type: 'nominal' }, strokeDash: { field: 'set', type: 'nominal' } } } });
    charts.push({ id: 'link-local', section: 'pairs', title: 'Local linkability D(s) (lowest seed)', spec: {
      params: pairParam(), data: { values: data.link_curves }, transform: [{ filter: 'datum.pair == pair' }],
      mark: 'line', encoding: { x: { field: 'score', type: 'quantitative', title: 'score' }, y: { field: 'local', type: 'quantitative', scale: { domain: [0, 1] }, title: 'D(s)' }, color: { field: 'method', type: 'nominal' } } } });
  }
  if (data.size.length > 0) {
    charts.push({ id: 'size', section: 'training-size', title: 'Rank-1 against fitting identities (mean over pairs and seeds)', spec: {
      data: { values: data.size }, mark: { type: 'line', point: true },
      encoding: { x: { field: 'fit_identities', type: 'quantitative', scale: { type: 'log' }, title: 'fitting identities' }, y: { field: 'rank1', type: 'quantitative', title: 'Rank-1 %' }, color: { field: 'method', type: 'nominal' }, strokeDash: { field: 'dataset', type: 'nominal' }, tooltip: [{ field: 'method' }, { field: 'fit_identities' }, { field: 'rank1' }, { field: 'n', title: 'cells' }] } } });
  }
  var notes = 0;
  var drawn = charts.filter(function (c) { return !c.note; });
  var pending = charts.map(function (c) {
    var host = document.getElementById('charts-' + c.section);
    if (c.note) {
      var p = document.createElement('p');
      p.className = 'note';
      p.textContent = c.note;
      host.parentNode.insertBefore(p, host);
      notes++;
      return Promise.resolve();
    }
    var box = document.createElement('section');
    var h = document.createElement('h3');
    h.textContent = c.title;
    var div = document.createElement('div');
    div.id = 'chart-' + c.id;
    box.appendChild(h); box.appendChild(div); host.appendChild(box);
    c.spec.$schema = 'https://vega.github.io/schema/vega-lite/v5.json';
    return vegaEmbed(div, c.spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function () {
        var svg = div.querySelector('svg');
        var ok = svg && svg.childElementCount > 0;
        div.setAttribute('data-status', ok ? 'ok' : 'error: empty svg');
        if (!ok) { fail(c.id + ': empty svg'); }
      })
      .catch(function (e) { div.setAttribute('data-status', 'error: ' + e); fail(c.id + ': ' + e); });
  });
  Promise.all(pending).then(function () {
    var b = document.body;
    b.setAttribute('data-charts', String(drawn.length));
    b.setAttribute('data-notes', String(notes));
    b.setAttribute('data-render-ms', String(Math.round(performance.now())));
    if (!b.hasAttribute('data-errors')) { b.setAttribute('data-errors', ''); }
    b.setAttribute('data-rendered', 'true');
  });
})();
