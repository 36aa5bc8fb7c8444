// Flywheel's web console: plain browser JavaScript over the services' own public HTTP APIs. The service URLs and
// pipeline names come from the monitor's GET /v1/console; the other services allow this origin by CORS.
'use strict';

const state = { services: {}, pipelines: [], topics: {}, pipeline: null, spec: null, ingestCounts: null,
  qualityTrend: {} };

const API_KEY_ITEM = 'flywheel.apiKey';

// ---- helpers ---------------------------------------------------------------------------------------------------

/** Calls a service: JSON in and out; a failed answer throws an Error carrying the service's own message. */
async function api(service, path, options = {}) {
  const init = { method: options.method || (options.body === undefined ? 'GET' : 'POST'), headers: {} };
  if (options.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  // Services with authentication on (everywhere but the demo) want a key; the tab keeps it, never localStorage.
  const key = sessionStorage.getItem(API_KEY_ITEM);
  if (key) init.headers['X-API-Key'] = key;
  const response = await fetch(state.services[service] + path, init);
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      const body = JSON.parse(text);
      message = body.message || body.error || body.detail || text;
    } catch (notJson) { /* keep the text */ }
    throw new Error(service + ' answered ' + response.status + ': ' + message);
  }
  return options.text ? text : (text ? JSON.parse(text) : null);
}

function pipelinePath(suffix) {
  return '/v1/pipelines/' + encodeURIComponent(state.pipeline) + suffix;
}

/** Builds an element; children are nodes or text (never parsed as HTML). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') node.addEventListener('click', value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function number(value, digits = 4) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(digits)) : String(value);
}

/** Fills a table: header names, then rows of cells (a cell is text, a node, or {value, className}). */
function table(id, header, rows, rowAttributes = () => ({})) {
  const target = document.getElementById(id);
  target.replaceChildren(el('tr', {}, header.map(name => el('th', {}, name))));
  rows.forEach((cells, index) => target.append(el('tr', rowAttributes(index), cells.map(cell => {
    if (cell instanceof Node) return el('td', {}, cell);
    if (cell !== null && typeof cell === 'object') return el('td', { class: cell.className }, cell.value);
    return el('td', { class: typeof cell === 'number' ? 'num' : null }, number(cell));
  }))));
  if (rows.length === 0) target.append(el('tr', {}, el('td', { colspan: header.length, class: 'note' }, 'nothing yet')));
}

function showError(error) {
  const box = document.getElementById('error');
  box.textContent = error ? String(error.message || error) : '';
  box.hidden = !error;
}

/** A small SVG line chart of [{x, y}] points in [0, 1]², e.g. ROC and precision–recall curves. */
function curve(title, series) {
  const size = 220, pad = 24;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', size + pad);
  svg.setAttribute('height', size + pad);
  const colours = ['#1f77b4', '#d62728', '#2ca02c'];
  series.forEach((line, i) => {
    const points = (line.points || []).map(p => (pad + p.x * size).toFixed(1) + ',' + (size - p.y * size + 4).toFixed(1));
    const path = document.createElementNS(svg.namespaceURI, 'polyline');
    path.setAttribute('points', points.join(' '));
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', colours[i % colours.length]);
    svg.append(path);
    const legend = document.createElementNS(svg.namespaceURI, 'text');
    legend.setAttribute('x', pad + 4);
    legend.setAttribute('y', 16 + 14 * i);
    legend.setAttribute('fill', colours[i % colours.length]);
    legend.setAttribute('font-size', '11');
    legend.textContent = line.name;
    svg.append(legend);
  });
  const caption = document.createElementNS(svg.namespaceURI, 'text');
  caption.setAttribute('x', pad);
  caption.setAttribute('y', size + pad - 2);
  caption.setAttribute('font-size', '11');
  caption.textContent = title;
  svg.append(caption);
  return svg;
}

// ---- pages -----------------------------------------------------------------------------------------------------

const pages = {

  async pipelines() {
    const spec = state.spec;
    document.getElementById('pipeline-description').textContent = spec.description || '';
    document.getElementById('spec').textContent = JSON.stringify(spec, null, 2);
    document.getElementById('topics').replaceChildren(...(state.topics[state.pipeline] || []).map(t => el('li', {}, el('code', {}, t))));
    const metrics = await api('ingest', '/q/metrics', { text: true });
    const now = Date.now();
    const counts = {};
    const violations = [];
    for (const line of metrics.split('\n')) {
      const match = /^(flywheel_ingest_records_total|flywheel_ingest_violations_total)\{([^}]*)\}\s+([0-9.eE+-]+)/.exec(line);
      if (!match) continue;
      const labels = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(m => [m[1], m[2]]));
      if (labels.pipeline !== state.pipeline) continue;
      if (match[1] === 'flywheel_ingest_records_total') {
        const key = labels.kind + ' / ' + labels.source + ' / ' + labels.outcome;
        counts[key] = (counts[key] || 0) + Number(match[3]);
      } else {
        violations.push([labels.kind, labels.field, labels.rule, Number(match[3])]);
      }
    }
    const previous = state.ingestCounts && state.ingestCounts.pipeline === state.pipeline ? state.ingestCounts : null;
    table('rates', ['kind / source / outcome', 'total', 'per second'], Object.keys(counts).sort().map(key => [key, counts[key],
      previous && previous.counts[key] !== undefined ? (counts[key] - previous.counts[key]) / ((now - previous.at) / 1000) : null]));
    state.ingestCounts = { pipeline: state.pipeline, counts, at: now };
    table('violations', ['kind', 'field', 'rule', 'records'], violations.sort((a, b) => b[3] - a[3]));
    const uploads = await api('ingest', pipelinePath('/uploads'));
    const rejections = [];
    for (const job of uploads || []) {
      for (const rejection of job.rejections || []) {
        rejections.push([job.id, rejection.index, (rejection.violations || [])
          .map(v => v.field + ': ' + (v.reason || v.rule)).join('; ')]);
      }
    }
    table('upload-rejections', ['upload', 'row', 'reasons'], rejections.slice(0, 100));
    await recentRejects();
  },

  async data() {
    document.getElementById('profile-html').href = state.services.training + pipelinePath('/profile.html');
    try {
      const profile = await api('training', pipelinePath('/profile'));
      table('profile', ['column', 'kind', 'count', 'nulls', 'distinct', 'mean', 'std', 'min', 'median', 'max'],
        (profile.columns || []).map(c => [c.name, c.kind, c.count, c.nulls, c.distinct, c.mean, c.std, c.min, c.median, c.max]));
    } catch (e) {
      table('profile', ['profile'], [[e.message]]);
    }
  },

  async runs() {
    const runs = await api('training', pipelinePath('/trainings'));
    state.runs = runs;
    table('runs', ['', 'run', 'trigger', 'status', 'requested', 'version', 'candidate', 'selection metric', 'decision'],
      runs.map(run => [
        el('input', { type: 'checkbox', class: 'compare', 'data-run': run.id }),
        el('a', { href: '#runs', 'data-run': run.id, onclick: () => showRun(run.id) }, run.id),
        run.trigger, run.status, run.requestedAt, run.result ? run.result.version : null,
        run.result ? run.result.candidate : null,
        run.result && run.result.metrics ? run.result.selectionMetric + ' ' + number(run.result.metrics[run.result.selectionMetric]) : null,
        run.result ? run.result.decision : run.message]),
      index => ({ 'data-run': runs[index].id }));
  },

  async models() {
    const listing = await api('training', pipelinePath('/models'));
    document.getElementById('aliases').textContent = Object.entries(listing.aliases || {})
      .map(([alias, version]) => alias + ' → ' + version).join(', ') || 'none';
    const metricNames = [...new Set(listing.versions.flatMap(v => Object.keys(v.metrics || {})))].slice(0, 4);
    table('versions', ['version', 'aliases', 'candidate', 'type', 'trigger', 'created'].concat(metricNames, ['', '']),
      listing.versions.map(v => [v.version, (v.aliases || []).join(', '), v.candidate, v.modelType, v.trigger, v.createdAt]
        .concat(metricNames.map(m => (v.metrics || {})[m]), [
          el('button', { class: 'promote', 'data-version': v.version, onclick: () => promote(v.version) }, 'Promote'),
          el('button', { class: 'lineage', 'data-version': v.version, onclick: () => showLineage(v.version) }, 'Lineage')])),
      index => ({ 'data-version': listing.versions[index].version }));
    const history = await api('training', pipelinePath('/aliases/champion/history')).catch(() => []);
    table('history', ['when', 'action', 'from', 'to', 'actor', 'reason'],
      history.map(m => [m.movedAt, m.action, m.fromVersion, m.toVersion, m.actor, m.reason]));
  },

  async live() {
    const health = await api('monitor', pipelinePath('/health'));
    document.getElementById('health').textContent = 'status ' + health.status + ', served version '
      + (health.servedVersion || 'none') + (health.labels ? ', label coverage ' + number(health.labels.coverage, 3) : '');
    const quality = await api('monitor', pipelinePath('/quality'));
    const metricNames = [...new Set(quality.versions.flatMap(v => Object.keys(v.metrics || {})))];
    table('quality', ['version', 'served', 'outcomes', 'positives', 'first event', 'last event'].concat(metricNames, ['trend']),
      quality.versions.map(v => {
        const trend = state.qualityTrend[state.pipeline + '/' + v.modelVersion] =
          (state.qualityTrend[state.pipeline + '/' + v.modelVersion] || []).concat([(v.metrics || {})[metricNames[0]]]).slice(-30);
        return [v.modelVersion, v.served ? 'yes' : '', v.outcomes, v.positives, v.firstEventTime, v.lastEventTime]
          .concat(metricNames.map(m => (v.metrics || {})[m]), [trend.map(x => number(x, 3)).join(' → ')]);
      }));
    try {
      const data = await api('monitor', pipelinePath('/drift/data'));
      document.getElementById('drift-summary').textContent = 'version ' + data.modelVersion + ': '
        + data.drifted + ' of ' + data.features.length + ' features drifted (share ' + number(data.driftShare, 2)
        + ', data set drift at ' + number(data.driftShareThreshold, 2) + ')' + (data.datasetDrift ? ': DATA SET DRIFT' : '');
      table('drift-features', ['feature', 'test', 'statistic', 'p-value', 'threshold', 'PSI', 'drifted'],
        data.features.map(f => [f.feature, f.test, f.statistic, f.pValue, f.threshold, f.psi,
          { value: f.drifted ? 'drifted' : 'no', className: f.drifted ? 'drifted' : '' }]));
    } catch (e) {
      document.getElementById('drift-summary').textContent = e.message;
      table('drift-features', ['feature'], []);
    }
    const alarms = await api('monitor', pipelinePath('/drift'));
    table('alarms', ['detected', 'version', 'kind', 'metric', 'observed', 'threshold', 'baseline'],
      alarms.map(d => [d.detectedAt, d.modelVersion, d.kind, d.metric, d.observed, d.threshold, d.baseline]));
  },

  async review() {
    const k = Number(document.getElementById('review-k').value) || 20;
    const chosen = document.getElementById('review-day').value;
    const page = await api('monitor', pipelinePath('/review?k=' + k + (chosen ? '&day=' + chosen : '')));
    const days = document.getElementById('review-day');
    days.replaceChildren(...page.days.map(day => el('option', { value: day, selected: day === page.day }, day)));
    const labelName = state.spec.label.name;
    table('review', ['event', 'score', 'version', 'event time', 'features', 'main drivers', 'label'],
      page.items.map(item => [
        item.eventId, item.score, item.modelVersion, item.eventTime,
        el('code', {}, Object.entries(item.features).map(([f, v]) => f + '=' + number(v, 3)).join(', ')),
        el('span', { class: 'drivers' }, '…'),
        // A labelled item can still be corrected: a new label value judges the prediction once more.
        el('span', { class: 'verdict' },
          item.label !== null && item.label !== undefined
            ? el('div', { class: 'labelled' }, labelName + ' = ' + item.label) : null,
          el('button', { class: 'mark-fraud', onclick: e => label(item, 1, e.target) }, 'Fraud'), ' ',
          el('button', { class: 'mark-genuine', onclick: e => label(item, 0, e.target) }, 'Not fraud'))]),
      index => ({ class: 'review-item', 'data-event': page.items[index].eventId }));
    // Explanations come from the serving model (inference-service), which logs nothing for them.
    const rows = document.querySelectorAll('#review tr.review-item');
    await Promise.all(page.items.map(async (item, index) => {
      const cell = rows[index].querySelector('.drivers');
      try {
        const explanation = await api('inference', pipelinePath('/explain'), { body: { features: item.features } });
        document.getElementById('review-method').textContent = 'Drivers by ' + explanation.method
          + ' (served version ' + explanation.modelVersion + ').';
        cell.replaceChildren(...explanation.drivers.filter(d => d.contribution !== null).slice(0, 3).map(d =>
          el('div', { class: d.contribution > 0 ? 'up' : 'down' },
            d.feature + ' ' + (d.contribution > 0 ? '+' : '') + number(d.contribution, 3))));
      } catch (e) {
        cell.textContent = e.message;
      }
    }));
  },
};

// ---- actions ---------------------------------------------------------------------------------------------------

async function showRun(id) {
  const run = await api('training', pipelinePath('/trainings/' + encodeURIComponent(id)));
  const detail = document.getElementById('run-detail');
  const candidates = (run.result && run.result.candidates) || [];
  const names = [...new Set(candidates.flatMap(c => Object.keys(c.metrics || {})))];
  detail.replaceChildren(el('h3', {}, 'Run ' + id + ': ' + run.status), el('p', {}, run.message || ''),
    el('table', { id: 'run-candidates' }));
  table('run-candidates', ['candidate', 'type', 'status', 'ms', 'trials'].concat(names),
    candidates.map(c => [c.name, c.type, c.status, c.trainingMillis,
      (c.trials || []).length ? (c.trials || []).length + ' (best ' + c.bestTrial + ')' : 'not tuned']
      .concat(names.map(n => (c.metrics || {})[n]))));
  showTrials(detail, candidates, run.result ? run.result.selectionMetric : null);
  if (run.result && run.result.version) {
    const version = await api('training', pipelinePath('/models/' + encodeURIComponent(run.result.version)));
    detail.append(el('h4', {}, 'Parameters of version ' + run.result.version), el('pre', {}, JSON.stringify(version.params, null, 2)));
    try {
      const report = await api('training', pipelinePath('/trainings/' + encodeURIComponent(id) + '/report.json'));
      const scored = [report.winner, report.champion].filter(Boolean);
      detail.append(el('div', { class: 'curves' },
        curve('ROC (false vs true positive rate)', scored.map(s => ({ name: s.role + ' ' + s.version, points: s.roc }))),
        curve('precision (y) – recall (x)', scored.map(s => ({ name: s.role + ' ' + s.version, points: s.precisionRecall })))));
    } catch (e) {
      detail.append(el('p', { class: 'note' }, e.message));
    }
  }
}

/** Each tuned candidate's trials: a score-vs-trial chart and a table (params, rung, resource, score, status). */
function showTrials(detail, candidates, metric) {
  const tuned = candidates.filter(c => (c.trials || []).length > 0);
  const section = el('div', { id: 'run-trials' }, el('h4', {}, 'Tuning trials'));
  // In the page before the tables are filled: table() finds them by id.
  detail.append(section);
  if (tuned.length === 0) {
    section.append(el('p', { class: 'note' }, 'No candidate of this run was tuned (no search space in the spec).'));
  }
  tuned.forEach(c => {
    const id = 'trials-' + c.name;
    section.append(el('h5', {}, c.name + ' (' + c.type + ')'), el('p', { class: 'note' }, c.message || ''),
      trialsChart(c, metric || 'score'),
      el('p', { class: 'note' }, 'dots: a trial\'s validation score at each rung (darker: later rung, more resource); '
        + 'line: best so far at rung 0; ring: the winning trial'),
      el('table', { id, class: 'trials', 'data-candidate': c.name }));
    table(id, ['trial', 'status', 'rung', 'resource', 'score', 'score per rung', 'ms', 'params', 'message'],
      c.trials.map(t => [t.trial === c.bestTrial ? t.trial + ' ★' : t.trial, t.status, t.rung, t.resource, t.score,
        (t.rungScores || []).map(x => number(x)).join(' → '), t.millis,
        el('code', {}, Object.entries(t.params || {}).map(([k, v]) => k + '=' + JSON.stringify(v)).join(', ')),
        t.message || '']),
      index => ({ class: c.trials[index].trial === c.bestTrial ? 'trial best' : 'trial',
        'data-trial': c.trials[index].trial }));
  });
}

/** Score against trial number: every rung's score of every trial, the running best of rung 0, the winner ringed. */
function trialsChart(candidate, metric) {
  const width = 520, height = 240, left = 50, right = 14, top = 14, bottom = 36;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('class', 'trials-chart');
  svg.setAttribute('data-candidate', candidate.name);
  const node = (tag, attributes, text) => {
    const n = document.createElementNS(ns, tag);
    Object.entries(attributes).forEach(([k, v]) => n.setAttribute(k, v));
    if (text !== undefined) n.textContent = text;
    svg.append(n);
    return n;
  };
  const trials = candidate.trials;
  const scores = trials.flatMap(t => (t.rungScores || []).filter(x => typeof x === 'number' && Number.isFinite(x)));
  let low = scores.length ? Math.min(...scores) : 0, high = scores.length ? Math.max(...scores) : 1;
  const pad = high - low < 1e-9 ? 0.05 : (high - low) * 0.08;
  low -= pad; high += pad;
  const plotWidth = width - left - right, plotHeight = height - top - bottom, n = trials.length;
  const x = trial => left + (n === 1 ? 0.5 : (trial - 1) / (n - 1)) * plotWidth;
  const y = score => top + plotHeight - (score - low) / (high - low) * plotHeight;
  node('rect', { x: left, y: top, width: plotWidth, height: plotHeight, fill: 'none', stroke: '#444' });
  for (let tick = 0; tick <= 4; tick++) {
    const value = low + tick * (high - low) / 4;
    node('text', { x: left - 4, y: (y(value) + 4).toFixed(1), 'font-size': 10, 'text-anchor': 'end' }, number(value, 3));
  }
  trials.forEach(t => node('text', { x: x(t.trial).toFixed(1), y: top + plotHeight + 13, 'font-size': 10,
    'text-anchor': 'middle' }, String(t.trial)));
  const lowerIsBetter = ['log_loss', 'brier_score', 'rmse', 'mae'].includes(metric);
  let running = null;
  const line = [];
  trials.forEach(t => {
    const first = (t.rungScores || [])[0];
    if (typeof first === 'number' && Number.isFinite(first)
      && (running === null || (lowerIsBetter ? first < running : first > running))) running = first;
    if (running !== null) line.push(x(t.trial).toFixed(1) + ',' + y(running).toFixed(1));
  });
  if (line.length) node('polyline', { class: 'best-so-far', points: line.join(' '), fill: 'none', stroke: '#e08a1e',
    'stroke-width': 2 });
  const colours = ['#9cb8dc', '#5f89bf', '#2f5d95', '#1b3a63'];
  trials.forEach(t => {
    (t.rungScores || []).forEach((score, rung) => {
      if (typeof score !== 'number' || !Number.isFinite(score)) return;
      node('circle', { class: 'trial rung-' + rung, cx: x(t.trial).toFixed(1), cy: y(score).toFixed(1), r: 4,
        fill: colours[Math.min(rung, colours.length - 1)] }).append(
        Object.assign(document.createElementNS(ns, 'title'), { textContent: 'trial ' + t.trial + ' rung ' + rung + ': ' + number(score) }));
    });
    if (t.trial === candidate.bestTrial && typeof t.score === 'number') {
      node('circle', { class: 'winner', cx: x(t.trial).toFixed(1), cy: y(t.score).toFixed(1), r: 8, fill: 'none',
        stroke: '#e08a1e', 'stroke-width': 2 });
    }
  });
  node('text', { x: left + plotWidth / 2, y: height - 6, 'font-size': 11, 'text-anchor': 'middle' }, 'trial');
  node('text', { x: 12, y: top + plotHeight / 2, 'font-size': 11, 'text-anchor': 'middle',
    transform: 'rotate(-90 12 ' + (top + plotHeight / 2) + ')' }, 'validation ' + metric);
  return svg;
}

/** The newest records ingest refused from any source (the rejected topic, read by the monitor), one row per reason. */
async function recentRejects() {
  const limit = Number(document.getElementById('rejects-limit').value) || 50;
  try {
    const page = await api('monitor', pipelinePath('/rejects?limit=' + limit));
    document.getElementById('rejects-summary').textContent = page.records.length + ' newest of ' + page.topic
      + (page.unreadable ? ', ' + page.unreadable + ' unreadable record(s) skipped' : '') + ', read in '
      + page.readMillis + ' ms';
    const rows = [];
    page.records.forEach((record, index) => (record.violations || []).forEach(v => rows.push({ index, cells: [
      record.rejectedAt, record.source, record.kind, v.field, v.rule,
      el('code', {}, v.value === null || v.value === undefined ? 'null' : JSON.stringify(v.value)), v.reason,
      el('code', { class: 'raw', title: record.raw }, (record.raw || '').slice(0, 80))] })));
    table('recent-rejects', ['rejected at', 'source', 'kind', 'field', 'rule', 'value', 'reason', 'record'],
      rows.map(r => r.cells), i => ({ class: 'reject', 'data-source': page.records[rows[i].index].source }));
  } catch (e) {
    document.getElementById('rejects-summary').textContent = e.message;
    table('recent-rejects', ['rejected records'], []);
  }
}

async function compareRuns() {
  const checked = [...document.querySelectorAll('#runs input.compare:checked')].map(box => box.dataset.run);
  const target = document.getElementById('comparison');
  if (checked.length !== 2) {
    target.replaceChildren(el('p', { class: 'error' }, 'check exactly two runs to compare'));
    return;
  }
  const [a, b] = await Promise.all(checked.map(id => api('training', pipelinePath('/trainings/' + encodeURIComponent(id)))));
  const rows = [['trigger', a.trigger, b.trigger], ['status', a.status, b.status],
    ['version', a.result && a.result.version, b.result && b.result.version],
    ['candidate', a.result && a.result.candidate, b.result && b.result.candidate],
    ['examples', a.result && a.result.dataset && a.result.dataset.examples, b.result && b.result.dataset && b.result.dataset.examples],
    ['decision', a.result && a.result.decision, b.result && b.result.decision]];
  const metrics = [...new Set([a, b].flatMap(r => Object.keys((r.result && r.result.metrics) || {})))];
  const metricOf = (run, m) => ((run.result && run.result.metrics) || {})[m];
  metrics.forEach(m => rows.push([m, metricOf(a, m), metricOf(b, m)]));
  target.replaceChildren(el('h3', {}, 'Comparison'), el('table', { id: 'comparison-table' }));
  table('comparison-table', ['', 'run ' + a.id, 'run ' + b.id], rows);
}

async function promote(version) {
  const status = document.getElementById('models-status');
  try {
    const move = await api('training', pipelinePath('/aliases/champion'), { method: 'PUT', body: {
      version, reason: document.getElementById('reason').value, actor: document.getElementById('actor').value } });
    status.textContent = move.moved ? 'champion → version ' + move.version : 'champion already version ' + move.version;
  } catch (e) {
    status.textContent = e.message;
  }
  await pages.models();
}

async function rollback() {
  const status = document.getElementById('models-status');
  try {
    const move = await api('training', pipelinePath('/aliases/champion/rollback'), { method: 'POST', body: {
      reason: document.getElementById('reason').value, actor: document.getElementById('actor').value } });
    status.textContent = 'champion rolled back to version ' + move.version;
  } catch (e) {
    status.textContent = e.message;
  }
  await pages.models();
}

async function showLineage(version) {
  const v = await api('training', pipelinePath('/models/' + encodeURIComponent(version)));
  const target = document.getElementById('lineage');
  target.replaceChildren(el('p', {}, 'Version ' + v.version + ' (' + v.candidate + ', ' + v.modelType + '), trigger '
    + v.trigger + ', created ' + v.createdAt + '; parent version ' + (v.parentVersion || 'none') + '; spec SHA-256 '
    + (v.specHash || 'unknown')));
  if (v.driftEventId) {
    const drift = (await api('monitor', pipelinePath('/drift'))).find(d => d.eventId === v.driftEventId);
    target.append(el('p', { id: 'lineage-drift' }, 'caused by drift event ' + v.driftEventId
      + (drift ? ': ' + drift.kind + ' ' + drift.metric + ' ' + number(drift.observed) + ' against ' + number(drift.threshold)
        + ' on version ' + drift.modelVersion : '')));
  }
  target.append(el('h4', {}, 'Data it was trained on'), el('pre', { id: 'lineage-dataset' }, JSON.stringify(v.dataset, null, 2)));
}

/** The analyst's verdict, sent as any label is: to ingest-service's label endpoint, keyed by the event id field. */
async function label(item, value, button) {
  const cell = button.closest('.verdict');
  const body = {};
  body[state.spec.eventIdField] = item.eventId;
  body[state.spec.label.name] = value;
  try {
    await api('ingest', pipelinePath('/labels'), { method: 'POST', body });
    cell.replaceChildren(el('span', { class: 'labelled sent' }, 'sent: ' + state.spec.label.name + ' = ' + value));
  } catch (e) {
    cell.append(el('div', { class: 'error' }, e.message));
  }
}

// ---- navigation ------------------------------------------------------------------------------------------------

function currentPage() {
  const name = location.hash.replace('#', '');
  return pages[name] ? name : 'pipelines';
}

async function render() {
  const name = currentPage();
  document.querySelectorAll('.page').forEach(section => { section.hidden = section.id !== 'page-' + name; });
  document.querySelectorAll('nav a').forEach(link => link.classList.toggle('active', link.dataset.page === name));
  showError(null);
  try {
    if (!state.spec || state.spec.name !== state.pipeline) {
      state.spec = await api('ingest', pipelinePath(''));
    }
    await pages[name]();
    document.body.dataset.loaded = name;
  } catch (e) {
    showError(e);
    document.body.dataset.loaded = name + ':error';
  }
}

async function start() {
  try {
    const settings = await fetch('/v1/console').then(r => r.json());
    state.services = settings.services;
    state.pipelines = settings.pipelines;
    state.topics = settings.topics;
  } catch (e) {
    showError(new Error('cannot read the console settings from /v1/console: ' + e.message));
    return;
  }
  const select = document.getElementById('pipeline-select');
  select.replaceChildren(...state.pipelines.map(p => el('option', { value: p }, p)));
  state.pipeline = new URLSearchParams(location.search).get('pipeline') || state.pipelines[0];
  select.value = state.pipeline;
  select.addEventListener('change', () => { state.pipeline = select.value; render(); });
  const apiKey = document.getElementById('api-key');
  apiKey.value = sessionStorage.getItem(API_KEY_ITEM) || '';
  apiKey.addEventListener('change', () => { sessionStorage.setItem(API_KEY_ITEM, apiKey.value.trim()); render(); });
  document.getElementById('sql-run').addEventListener('click', runSql);
  document.getElementById('compare').addEventListener('click', compareRuns);
  document.getElementById('rejects-refresh').addEventListener('click', recentRejects);
  document.getElementById('rollback').addEventListener('click', rollback);
  document.getElementById('review-refresh').addEventListener('click', render);
  document.getElementById('review-day').addEventListener('change', render);
  window.addEventListener('hashchange', render);
  await render();
}

async function runSql() {
  const error = document.getElementById('sql-error');
  error.textContent = '';
  try {
    const result = await api('training', pipelinePath('/sql'), { method: 'POST',
      body: { sql: document.getElementById('sql-input').value } });
    table('sql-result', result.columns.map(c => c.name), result.rows);
    error.textContent = result.rows.length + ' row(s) in ' + result.millis + ' ms' + (result.truncated ? ' (truncated)' : '');
    error.className = 'note';
  } catch (e) {
    error.className = 'error';
    error.textContent = e.message;
    table('sql-result', [], []);
  }
}

start();
