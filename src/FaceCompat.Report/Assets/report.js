(function () {
  'use strict';
  // Render status lives in data attributes (body: data-rendered, data-charts, data-notes, data-errors,
  // data-render-ms; each chart's div: data-status), out of the reader's sight; the Chromium test reads them.
  var errors = [];
  function fail(line) { errors.push(line); document.body.setAttribute('data-errors', errors.join(' | ')); }
  window.onerror = function (msg) { fail('window.onerror: ' + msg); };
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
  var views = {};
  var specs = {};

  // Every chart goes through here: one Vega view per div, replaced when the selection changes.
  function embed(id, spec) {
    var div = document.getElementById('chart-' + id);
    if (views[id]) { views[id].finalize(); delete views[id]; }
    spec.$schema = SCHEMA;
    specs[id] = spec;
    div.setAttribute('data-status', 'pending');
    return vegaEmbed(div, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function (result) {
        views[id] = result.view;
        var svg = div.querySelector('svg');
        var ok = svg && svg.childElementCount > 0;
        div.setAttribute('data-status', ok ? 'ok' : 'error: empty svg');
        if (!ok) { fail(id + ': empty svg'); }
        return result.view;
      })
      .catch(function (e) { div.setAttribute('data-status', 'error: ' + e); fail(id + ': ' + e); });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fmt(metric, v, cell) {
    if (v === null || v === undefined) { return 'n/a'; }
    var dec = cell ? (metric.unit === '%' ? 1 : 2) : metric.decimals;
    return v.toFixed(dec);
  }

  function spreadText(metric, v) {
    if (!v) { return 'n/a'; }
    var s = fmt(metric, v[0]) + (v[1] === null ? '' : ' \u00b1 ' + fmt(metric, v[1]));
    return s + (metric.unit ? ' ' + metric.unit : '') + ' (' + fmt(metric, v[2]) + '\u2013' + fmt(metric, v[3]) + ')';
  }

  // ---- selection -------------------------------------------------------------------------------
  var sel = { d: 0, m: 0, k: 0 };
  var firstMethod = data.methods.indexOf('procrustes');
  if (firstMethod >= 0) { sel.m = firstMethod; }
  var controls = document.getElementById('clustermap-controls');
  function selector(name, label, options, value, onChange, into) {
    var lab = el('label', {}, label + ' ');
    var s = el('select', { id: 'select-' + name, name: name });
    options.forEach(function (o, i) { var opt = el('option', { value: String(i) }, o); if (i === value) { opt.selected = true; } s.appendChild(opt); });
    s.addEventListener('change', function () { onChange(parseInt(s.value, 10)); });
    lab.appendChild(s);
    (into || controls).appendChild(lab);
  }

  function selectionRows() {
    var out = [];
    data.rows.forEach(function (r, i) { if (r.d === sel.d && r.m === sel.m && r.v[sel.k]) { out.push({ row: r, index: i }); } });
    return out;
  }

  // ---- families --------------------------------------------------------------------------------
  // Each model's family (null: unknown), its colour, and the bars drawn beside the clustermap's rows and columns.
  var families = data.families || [];
  var familyNames = families.filter(function (f, i) { return f !== null && families.indexOf(f) === i; }).sort();
  // Not the asymmetry chart's blue/orange and away from the heatmap's viridis.
  var PALETTE = ['#e7298a', '#7570b3', '#66a61e', '#e6ab02', '#a6761d', '#1b9e77', '#d95f02', '#666666'];
  function familyOf(model) { var f = families[model]; return f === null || f === undefined ? 'unknown' : f; }
  function familyScale() {
    var domain = familyNames.slice(), range = familyNames.map(function (f, i) { return PALETTE[i % PALETTE.length]; });
    if (families.some(function (f) { return f === null; })) { domain.push('unknown'); range.push('#bbbbbb'); }
    return { domain: domain, range: range };
  }

  function familyBar(name, along, order, length, thickness) {
    var values = order.map(function (i) { return { model: data.models[i], family: familyOf(i) }; });
    var enc = { field: 'model', type: 'nominal', sort: values.map(function (v) { return v.model; }), axis: null };
    var spec = { name: name, data: { values: values }, mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
      encoding: { fill: { field: 'family', type: 'nominal', scale: familyScale(), legend: { title: 'family', orient: 'right' } },
        tooltip: [{ field: 'model' }, { field: 'family' }] } };
    spec.encoding[along] = enc;
    spec.width = along === 'x' ? length : thickness;
    spec.height = along === 'x' ? thickness : length;
    return spec;
  }

  // ---- clustermap ------------------------------------------------------------------------------
  function clustermapSpec(rows, order, metric) {
    var names = order.order.map(function (i) { return data.models[i]; });
    var n = names.length;
    var cell = Math.max(16, Math.min(40, Math.floor(640 / Math.max(1, n))));
    var size = cell * n;
    var values = rows.map(function (x) { return x.row.v[sel.k][0]; });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    var domain = metric.domain || [lo, hi === lo ? lo + 1 : hi];
    var cells = rows.map(function (x) {
      var r = x.row, v = r.v[sel.k][0];
      var t = (v - domain[0]) / (domain[1] - domain[0]);
      if (metric.closer === 'lower') { t = 1 - t; }
      var d = { row: x.index, source: data.models[r.s], target: data.models[r.t], value: v, label: fmt(metric, v, true), ink: t < 0.55 ? 'white' : 'black', seeds: r.n,
        source_family: familyOf(r.s), target_family: familyOf(r.t) };
      data.metrics.forEach(function (m, k) { d['m' + k] = spreadText(m, r.v[k]); });
      return d;
    });
    var famTips = familyNames.length > 0 ? [{ field: 'source_family', title: 'source family' }, { field: 'target_family', title: 'target family' }] : [];
    var tooltip = [{ field: 'source' }, { field: 'target' }].concat(famTips, [{ field: 'seeds', title: 'seeds' }]).concat(
      data.metrics.map(function (m, k) { return { field: 'm' + k, title: m.name + ' (mean \u00b1 std, min\u2013max over seeds)' }; }));
    var heat = {
      width: size, height: size, data: { values: cells },
      encoding: {
        x: { field: 'target', type: 'nominal', sort: names, axis: { orient: 'bottom', labelAngle: -50, title: 'target (rows: source)' } },
        y: { field: 'source', type: 'nominal', sort: names, axis: { orient: 'right', title: null } }
      },
      layer: [
        { mark: { type: 'rect', cursor: 'pointer' },
          encoding: { color: { field: 'value', type: 'quantitative', title: metric.name + (metric.unit ? ' (' + metric.unit + ')' : ''),
            scale: { domain: domain, scheme: 'viridis', reverse: metric.closer === 'lower' }, legend: { orient: 'right' } }, tooltip: tooltip } },
        { mark: { type: 'text', fontSize: cell >= 28 ? 9 : 7, cursor: 'pointer' },
          encoding: { text: { field: 'label' }, color: { condition: { test: "datum.ink === 'white'", value: 'white' }, value: 'black' }, tooltip: tooltip } }
      ]
    };
    var segs = order.tree.map(function (g) { return { x: g[0], y: g[1], x2: g[2], y2: g[3] }; });
    var height = Math.max.apply(null, [0].concat(segs.map(function (g) { return g.y2; })));
    var arm = 90;
    var pos = { type: 'quantitative', axis: null, scale: { domain: [-0.5, n - 0.5], nice: false, zero: false } };
    var hgt = { type: 'quantitative', axis: null, scale: { domain: [0, height || 1], nice: false } };
    var top = { width: size, height: arm, data: { values: segs }, mark: { type: 'rule', color: '#444' },
      encoding: { x: Object.assign({ field: 'x' }, pos), x2: { field: 'x2' }, y: Object.assign({ field: 'y' }, hgt), y2: { field: 'y2' } } };
    var leftPos = JSON.parse(JSON.stringify(pos)); leftPos.scale.reverse = true;
    var leftH = JSON.parse(JSON.stringify(hgt)); leftH.scale.reverse = true;
    var left = { width: arm, height: size, data: { values: segs }, mark: { type: 'rule', color: '#444' },
      encoding: { y: Object.assign({ field: 'x' }, leftPos), y2: { field: 'x2' }, x: Object.assign({ field: 'y' }, leftH), x2: { field: 'y2' } } };
    function blank(w, h) { return { width: w, height: h, data: { values: [] }, mark: 'point' }; }
    function line(views) { return { bounds: 'flush', spacing: 0, hconcat: views }; }
    var config = { view: { stroke: null }, concat: { spacing: 0 } };
    // Family colour bars between the dendrograms' leaves and the heatmap, in the same (dendrogram) order.
    var withFamilies = familyNames.length > 0, bar = 12, tree = segs.length > 0;
    if (!tree && !withFamilies) {
      return { config: config, hconcat: [heat] };
    }
    // Inner rows: flush bounds, so the heatmap's, the top dendrogram's and the column bar's plots start at the same x;
    // the outer column keeps full bounds, so the top row keeps its height.
    var lines = [];
    if (tree) { lines.push(line([blank(arm, arm)].concat(withFamilies ? [blank(bar, arm)] : [], [top]))); }
    if (withFamilies) { lines.push(line((tree ? [blank(arm, bar)] : []).concat([blank(bar, bar), familyBar('family_columns', 'x', order.order, size, bar)]))); }
    lines.push(line((tree ? [left] : []).concat(withFamilies ? [familyBar('family_rows', 'y', order.order, size, bar)] : [], [heat])));
    return { config: config, spacing: 0, vconcat: lines };
  }

  function asymmetrySpec(rows, order, metric) {
    var names = order.order.map(function (i) { return data.models[i]; });
    var bars = [];
    order.order.forEach(function (mi) {
      ['incoming', 'outgoing'].forEach(function (dir) {
        var vals = rows.filter(function (x) { return x.row.s !== x.row.t && (dir === 'incoming' ? x.row.t === mi : x.row.s === mi); })
          .map(function (x) { return x.row.v[sel.k][0]; });
        if (vals.length > 0) {
          var mean = vals.reduce(function (a, b) { return a + b; }, 0) / vals.length;
          bars.push({ model: data.models[mi], direction: dir, value: mean, pairs: vals.length });
        }
      });
    });
    return {
      width: 320, data: { values: bars }, mark: 'bar',
      encoding: {
        y: { field: 'model', type: 'nominal', sort: names, title: null },
        yOffset: { field: 'direction' },
        x: { field: 'value', type: 'quantitative', title: 'mean ' + metric.name + (metric.unit ? ' (' + metric.unit + ')' : '') + ' over partners' },
        color: { field: 'direction', type: 'nominal', title: 'direction' },
        tooltip: [{ field: 'model' }, { field: 'direction' }, { field: 'value', format: '.' + metric.decimals + 'f' }, { field: 'pairs' }]
      }
    };
  }

  var cmNote = document.getElementById('clustermap-note');
  function renderSelection() {
    var metric = data.metrics[sel.k];
    var key = sel.d + '|' + sel.m + '|' + sel.k;
    var order = data.orders[key];
    var rows = selectionRows();
    var box = document.getElementById('chart-clustermap');
    box.setAttribute('data-selection', data.datasets[sel.d] + '|' + data.methods[sel.m] + '|' + metric.key);
    box.setAttribute('data-families', familyNames.join('|'));
    var notes = [];
    var offDiagonal = rows.filter(function (x) { return x.row.s !== x.row.t; }).map(function (x) { return x.row.v[sel.k][0]; });
    var constant = offDiagonal.length > 0 && Math.max.apply(null, offDiagonal) - Math.min.apply(null, offDiagonal) <= 1e-9;
    if (!order || rows.length === 0) {
      notes.push('No ' + metric.name + ' values for ' + data.datasets[sel.d] + ' / ' + data.methods[sel.m] + '.');
    } else if (constant) {
      notes.push(metric.name + ' heatmap ' + data.datasets[sel.d] + ' / ' + data.methods[sel.m] + ' not drawn: every pair of different models has the same value (' + fmt(metric, offDiagonal[0]) + (metric.unit ? ' ' + metric.unit : '') + ').');
    } else if (order.note) {
      notes.push(order.note);
    }
    cmNote.textContent = notes.join(' ');
    cmNote.hidden = notes.length === 0;
    document.body.setAttribute('data-notes', String(notes.length));
    var drawn = order && rows.length > 0 && !constant;
    box.hidden = !drawn;
    document.getElementById('chart-asymmetry').parentNode.hidden = !drawn;
    if (!drawn) {
      ['clustermap', 'asymmetry'].forEach(function (id) { if (views[id]) { views[id].finalize(); delete views[id]; } });
      box.setAttribute('data-status', 'note');
      return Promise.resolve();
    }
    return Promise.all([
      embed('clustermap', clustermapSpec(rows, order, metric)).then(function (view) {
        if (view) {
          view.addEventListener('click', function (event, item) {
            if (item && item.datum && item.datum.row !== undefined) { showPair(item.datum.row); }
          });
        }
      }),
      embed('asymmetry', asymmetrySpec(rows, order, metric))
    ]);
  }

  // ---- one pair's curves -----------------------------------------------------------------------
  var pairSelect = document.getElementById('select-pair');
  var pairKeys = [];
  data.rows.forEach(function (r, i) {
    var key = r.d + '|' + r.s + '|' + r.t;
    if (r.s !== r.t && pairKeys.indexOf(key) < 0) {
      pairKeys.push(key);
      pairSelect.appendChild(el('option', { value: String(i) }, data.datasets[r.d] + ': ' + data.models[r.s] + ' \u2192 ' + data.models[r.t]));
    }
  });
  pairSelect.addEventListener('change', function () { showPair(parseInt(pairSelect.value, 10)); });

  function showPair(index) {
    var p = data.rows[index];
    var same = [];
    data.rows.forEach(function (r, i) { if (r.d === p.d && r.s === p.s && r.t === p.t) { same.push(i); } });
    var title = data.datasets[p.d] + ': ' + data.models[p.s] + ' \u2192 ' + data.models[p.t];
    var detail = document.getElementById('pair-detail');
    document.getElementById('pair-title').textContent = title;
    Array.prototype.forEach.call(pairSelect.options, function (o) { var r = data.rows[parseInt(o.value, 10)]; o.selected = r.d === p.d && r.s === p.s && r.t === p.t; });
    var cmc = [], roc = [], dens = [];
    same.forEach(function (i) {
      var method = data.methods[data.rows[i].m], c = data.curves[i];
      c.cmc.forEach(function (v, k) { cmc.push({ method: method, k: k + 1, rate: v }); });
      c.roc.forEach(function (q) { roc.push({ method: method, fmr: q[0], tmr: q[1], fnmr: 1 - q[1] }); });
      if (c.density) {
        c.density.forEach(function (q) {
          dens.push({ method: method, score: q[0], set: 'mated', density: q[1] });
          dens.push({ method: method, score: q[0], set: 'non-mated', density: q[2] });
        });
      }
    });
    var color = { field: 'method', type: 'nominal', scale: { domain: data.methods } };
    var jobs = [
      embed('cmc', { title: 'CMC (mean over seeds)', width: 260, height: 200, data: { values: cmc }, mark: 'line',
        encoding: { x: { field: 'k', type: 'quantitative', title: 'rank k' }, y: { field: 'rate', type: 'quantitative', title: 'Rank-k %', scale: { domain: [0, 100] } }, color: color } }),
      embed('roc', { title: 'ROC (lowest seed)', width: 260, height: 200, data: { values: roc }, mark: 'line',
        encoding: { x: { field: 'fmr', type: 'quantitative', scale: { type: 'log' }, title: 'FMR' }, y: { field: 'tmr', type: 'quantitative', title: 'TMR', scale: { domain: [0, 1] } }, color: color } }),
      embed('det', { title: 'DET (lowest seed)', width: 260, height: 200, data: { values: roc.filter(function (r) { return r.fnmr > 0; }) }, mark: 'line',
        encoding: { x: { field: 'fmr', type: 'quantitative', scale: { type: 'log' }, title: 'FMR' }, y: { field: 'fnmr', type: 'quantitative', scale: { type: 'log' }, title: 'FNMR' }, color: color } })
    ];
    var densBox = document.getElementById('chart-density');
    densBox.parentNode.hidden = dens.length === 0;
    if (dens.length > 0) {
      jobs.push(embed('density', { title: 'Score densities, other capture (lowest seed)', width: 260, height: 200, data: { values: dens }, mark: 'line',
        encoding: { x: { field: 'score', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' }, color: color, strokeDash: { field: 'set', type: 'nominal' } } }));
    }
    return Promise.all(jobs).then(function () { detail.setAttribute('data-pair', data.models[p.s] + '|' + data.models[p.t]); });
  }

  // ---- assemble --------------------------------------------------------------------------------
  selector('dataset', 'dataset', data.datasets, sel.d, function (v) { sel.d = v; renderSelection(); });
  selector('method', 'method', data.methods, sel.m, function (v) { sel.m = v; renderSelection(); });
  selector('metric', 'metric', data.metrics.map(function (m) { return m.name; }), sel.k, function (v) { sel.k = v; renderSelection(); });
  var first = data.rows.findIndex(function (r) { return r.s !== r.t && r.m === sel.m; });
  if (first < 0) { first = data.rows.findIndex(function (r) { return r.s !== r.t; }); }
  var jobs = [renderSelection()];
  if (first >= 0) { jobs.push(showPair(first)); } else { document.getElementById('pair-detail').hidden = true; }
  if (data.size.length > 0) {
    jobs.push(embed('size', { width: 420, data: { values: data.size }, mark: { type: 'line', point: true },
      encoding: { x: { field: 'fit_identities', type: 'quantitative', scale: { type: 'log' }, title: 'fitting identities' }, y: { field: 'rank1', type: 'quantitative', title: 'Rank-1 %' }, color: { field: 'method', type: 'nominal' }, strokeDash: { field: 'dataset', type: 'nominal' }, tooltip: [{ field: 'method' }, { field: 'fit_identities' }, { field: 'rank1' }, { field: 'n', title: 'cells' }] } }));
  } else {
    document.getElementById('chart-size').parentNode.hidden = true;
  }
  // ---- open-set identification: FNIR against FPIR per pair ----------------------------------------
  // One (dataset, method) at a time, chosen by its own selectors; lines from the cells' fnir_curve (lowest seed),
  // dots at the FRTE operating points (the cells' fpir), dashed rules at FPIR 0.3 %, 1 %, 10 %.
  var openSet = data.open_set || [];
  var os = { d: 0, m: sel.m };
  var osControls = document.getElementById('openset-controls');
  var FRTE = [0.3, 1, 10];
  function pairName(r) { return data.models[r.s] + ' \u2192 ' + data.models[r.t]; }
  function openSetSpec(rows) {
    var lines = [], dots = [];
    rows.forEach(function (r) {
      var base = { pair: pairName(r), source: data.models[r.s], target: data.models[r.t], kind: r.s === r.t ? 'own space' : 'cross-model' };
      r.curve.forEach(function (q, i) { if (q[0] > 0) { lines.push(Object.assign({ i: i, fpir: q[0], fnir: q[1] }, base)); } });
      r.points.forEach(function (q) { if (q[1] > 0) { dots.push(Object.assign({ target_fpir: q[0], fpir: q[1], fnir: q[2] }, base)); } });
    });
    var pairs = rows.map(pairName);
    var x = { field: 'fpir', type: 'quantitative', scale: { type: 'log' }, title: 'FPIR (%)' };
    var y = { field: 'fnir', type: 'quantitative', title: 'FNIR (%), candidate list R = ' + rows[0].rank, scale: { domain: [0, 100] } };
    var color = { field: 'pair', type: 'nominal', scale: { domain: pairs }, legend: { title: 'pair (source \u2192 target)', columns: pairs.length > 12 ? 2 : 1, symbolLimit: 0, labelLimit: 220 } };
    var tip = [{ field: 'pair' }, { field: 'kind' }, { field: 'fpir', title: 'FPIR (%)', format: '.3f' }, { field: 'fnir', title: 'FNIR (%)', format: '.2f' }];
    return {
      width: 520, height: 320,
      layer: [
        { data: { values: FRTE.map(function (f) { return { fpir: f, label: 'FPIR ' + f + ' %' }; }) }, layer: [
          { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: x } },
          { mark: { type: 'text', align: 'left', dx: 3, dy: -4, fontSize: 9, color: '#555' }, encoding: { x: x, y: { value: 0 }, text: { field: 'label' } } }] },
        { data: { values: lines }, mark: { type: 'line' },
          encoding: { x: x, y: y, color: color, order: { field: 'i', type: 'quantitative' }, strokeDash: { field: 'kind', type: 'nominal', title: 'kind', scale: { domain: ['cross-model', 'own space'] } }, tooltip: tip } },
        { data: { values: dots }, mark: { type: 'point', filled: true, size: 36 },
          encoding: { x: x, y: y, color: color, tooltip: tip.concat([{ field: 'target_fpir', title: 'FRTE target FPIR (%)' }]) } }
      ]
    };
  }

  // Resolves to the chart's data-status: 'ok', or 'note' when the selection has no curve to draw.
  function renderOpenSet() {
    var box = document.getElementById('chart-openset');
    var note = document.getElementById('openset-note');
    var rows = openSet.filter(function (r) { return r.d === os.d && r.m === os.m; });
    var drawnRows = rows.filter(function (r) { return r.curve && r.curve.some(function (q) { return q[0] > 0; }); });
    var notes = [];
    var where = data.datasets[os.d] + ' / ' + data.methods[os.m];
    if (rows.length === 0) { notes.push('No open-set values for ' + where + '.'); }
    var old = rows.filter(function (r) { return !r.curve; }).map(pairName);
    if (old.length > 0) { notes.push('No curve for ' + old.join(', ') + ' (cells written before the FNIR-vs-FPIR curve was stored; their values are in the table).'); }
    var flat = rows.filter(function (r) { return r.curve && !r.curve.some(function (q) { return q[0] > 0; }); }).map(pairName);
    if (flat.length > 0) { notes.push('No point with FPIR above 0 for ' + flat.join(', ') + ' (not on a log axis).'); }
    note.textContent = notes.join(' ');
    note.hidden = notes.length === 0;
    box.setAttribute('data-selection', where);
    box.hidden = drawnRows.length === 0;
    if (drawnRows.length === 0) {
      if (views.openset) { views.openset.finalize(); delete views.openset; }
      box.setAttribute('data-status', 'note');
      return Promise.resolve('note');
    }
    box.setAttribute('data-pairs', String(drawnRows.length));
    return embed('openset', openSetSpec(drawnRows)).then(function () { return box.getAttribute('data-status'); });
  }

  function selectOpenSet(d, m) {
    os.d = d; os.m = m;
    [['os-dataset', d], ['os-method', m]].forEach(function (p) { document.getElementById('select-' + p[0]).value = String(p[1]); });
    return renderOpenSet();
  }

  if (osControls && openSet.length > 0) {
    if (!openSet.some(function (r) { return r.m === os.m; })) { os.m = openSet[0].m; }
    os.d = openSet.filter(function (r) { return r.m === os.m; })[0].d;
    selector('os-dataset', 'dataset', data.datasets, os.d, function (v) { os.d = v; renderOpenSet(); }, osControls);
    selector('os-method', 'method', data.methods, os.m, function (v) { os.m = v; renderOpenSet(); }, osControls);
    jobs.push(renderOpenSet());
  }

  // ---- figures for papers (facecompat report --figures) -----------------------------------------
  // Draws the clustermap and asymmetry of one (dataset, method, metric) as the selectors would; resolves to the
  // clustermap's data-status ('ok', or 'note' when the selection is not drawn).
  function selectFigure(d, m, k) {
    sel.d = d; sel.m = m; sel.k = k;
    [['dataset', d], ['method', m], ['metric', k]].forEach(function (p) { document.getElementById('select-' + p[0]).value = String(p[1]); });
    return renderSelection().then(function () { return document.getElementById('chart-clustermap').getAttribute('data-status'); });
  }

  // One drawn chart through Vega's own view API: its SVG and its PNG (base64) at the given scale; null when not drawn.
  function drawn(id) { return !!views[id] && !document.getElementById('chart-' + id).closest('[hidden]'); }
  function figure(id, scale) {
    if (!drawn(id)) { return Promise.resolve(null); }
    var view = views[id];
    return Promise.all([view.toSVG(), view.toImageURL('png', scale)])
      .then(function (r) { return { svg: r[0], png: r[1].slice(r[1].indexOf(',') + 1) }; });
  }

  window.facecompat = { views: views, specs: specs, data: data, select: sel, showPair: showPair, selectFigure: selectFigure, selectOpenSet: selectOpenSet, drawn: drawn, figure: figure };
  Promise.all(jobs).then(function () {
    var b = document.body;
    b.setAttribute('data-charts', String(Object.keys(views).length));
    b.setAttribute('data-render-ms', String(Math.round(performance.now())));
    if (!b.hasAttribute('data-errors')) { b.setAttribute('data-errors', ''); }
    b.setAttribute('data-rendered', 'true');
  });
})();
