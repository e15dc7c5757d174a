// The analyst's pivot over the olap service (through the gateway's /olap route with the user's token): pick a cube,
// drag or pick dimensions into rows and columns, tick measures, add member filters, run; the matrix comes back with
// its header trees, subtotals and totals, which the page draws as one table (and optionally a chart). Exports post
// the very body of the last query so the file is the table on screen.
import {start} from '../app/chrome.js';
import {authorizedFetch} from '../app/session.js';
import {language, number, t} from '../app/i18n.js';

const $ = id => document.getElementById(id);
const SEP = '\u0001';

if (await start('pivot')) {
  const state = {cubes: [], cube: null, rows: [], columns: [], measures: [], filters: [], last: null, query: null};
  const collapsed = new Set();
  let sequence = 0;
  let inFlight = null;
  let chart = null;

  const label = item => (item ? (language() === 'zh-CN' ? item.labelZhCN : item.labelEn) || item.name : '');
  const dimension = name => state.cube.dimensions.find(d => d.name === name);
  const measure = name => state.cube.measures.find(m => m.name === name);
  const escape = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));

  // --- builder -----------------------------------------------------------------------------------------------

  const chip = (name, zone) => {
    const li = document.createElement('li');
    li.className = 'chip';
    li.draggable = true;
    li.dataset.name = name;
    li.textContent = label(dimension(name));
    li.addEventListener('dragstart', e => e.dataTransfer.setData('text/plain', name));
    if (zone !== 'available') {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.title = t('pivot.remove');
      remove.addEventListener('click', () => move(name, 'available'));
      li.append(remove);
    }
    return li;
  };

  /** Puts a dimension in rows, columns or back among the available ones (a dimension sits in one place). */
  const move = (name, zone) => {
    state.rows = state.rows.filter(n => n !== name);
    state.columns = state.columns.filter(n => n !== name);
    if (zone === 'rows') state.rows.push(name);
    if (zone === 'columns') state.columns.push(name);
    drawBuilder();
  };

  const drawBuilder = () => {
    if (!state.cube) return;
    const used = new Set([...state.rows, ...state.columns]);
    const free = state.cube.dimensions.map(d => d.name).filter(n => !used.has(n));
    $('available').querySelector('ul').replaceChildren(...free.map(n => chip(n, 'available')));
    $('rows').querySelector('ul').replaceChildren(...state.rows.map(n => chip(n, 'rows')));
    $('columns').querySelector('ul').replaceChildren(...state.columns.map(n => chip(n, 'columns')));
    for (const zone of ['rows', 'columns']) {
      const select = $(`add-${zone}`);
      select.replaceChildren(new Option(t(`pivot.add.${zone}`), ''), ...free.map(n => new Option(label(dimension(n)), n)));
    }
    $('measure-list').replaceChildren(...state.cube.measures.map(m => {
      const l = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = m.name;
      box.checked = state.measures.includes(m.name);
      box.addEventListener('change', () => {
        state.measures = state.cube.measures.map(x => x.name)
          .filter(n => n === m.name ? box.checked : state.measures.includes(n));
      });
      l.append(box, ' ', label(m));
      const div = document.createElement('div');
      div.append(l);
      return div;
    }));
    const memberFilters = state.cube.filters.filter(f => f.ops.includes('in'));
    $('filter-field').replaceChildren(...memberFilters.map(f => new Option(label(f), f.field)));
    $('filter-list').replaceChildren(...state.filters.map((f, i) => {
      const li = document.createElement('li');
      li.className = 'chip';
      li.textContent = `${label(state.cube.filters.find(x => x.field === f.field))} ∈ ${f.values.join(', ')}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.addEventListener('click', () => { state.filters.splice(i, 1); drawBuilder(); });
      li.append(remove);
      return li;
    }));
  };

  for (const zone of ['available', 'rows', 'columns']) {
    const el = $(zone);
    el.addEventListener('dragover', e => { e.preventDefault(); el.classList.add('over'); });
    el.addEventListener('dragleave', () => el.classList.remove('over'));
    el.addEventListener('drop', e => {
      e.preventDefault();
      el.classList.remove('over');
      const name = e.dataTransfer.getData('text/plain');
      if (name && dimension(name)) move(name, zone);
    });
  }
  for (const zone of ['rows', 'columns']) {
    $(`add-${zone}`).addEventListener('change', e => { if (e.target.value) move(e.target.value, zone); });
  }
  $('filter-add').addEventListener('click', () => {
    const values = $('filter-members').value.split(',').map(s => s.trim()).filter(Boolean);
    if (!values.length) return;
    state.filters.push({field: $('filter-field').value, values});
    $('filter-members').value = '';
    drawBuilder();
  });

  const chooseCube = name => {
    state.cube = state.cubes.find(c => c.name === name) || state.cubes[0];
    state.rows = [];
    state.columns = [];
    state.filters = [];
    state.measures = state.cube.measures.length ? [state.cube.measures[0].name] : [];
    drawBuilder();
  };
  $('cube').addEventListener('change', e => chooseCube(e.target.value));

  // --- query -------------------------------------------------------------------------------------------------

  const body = () => ({
    cube: state.cube.name, rows: state.rows, columns: state.columns, measures: state.measures,
    filters: state.filters.map(f => (f.values.length === 1
      ? {field: f.field, op: 'eq', value: f.values[0]} : {field: f.field, op: 'in', values: f.values})),
  });

  /** The problem+json of a refusal in words: the field and reason of a 400, the detail of a 422, the wait of a 429. */
  const problem = async res => {
    let p = {};
    try { p = await res.json(); } catch (e) { /* not JSON: the status says enough */ }
    const error = (p.errors || [])[0];
    if (res.status === 429) return t('pivot.error.busy', {seconds: res.headers.get('Retry-After') || '?'});
    if (error) return t('pivot.error.field', {field: error.field, reason: error.reason});
    return t('pivot.error.other', {status: res.status, detail: p.detail || p.title || ''});
  };

  const showError = message => {
    $('status').textContent = message;
    $('status').hidden = !message;
  };

  const busy = on => {
    $('progress').hidden = !on;
    $('cancel').hidden = !on;
    $('run').disabled = on;
  };

  const run = async () => {
    if (inFlight) inFlight.abort();
    const mine = ++sequence;
    const controller = new AbortController();
    inFlight = controller;
    const query = body();
    busy(true);
    showError('');
    try {
      const res = await authorizedFetch('/olap/v1/pivot', {method: 'POST', signal: controller.signal,
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify(query)});
      const answer = res.ok ? await res.json() : null;
      if (mine !== sequence) return; // a newer query was started: this answer is stale
      if (!res.ok) { showError(await problem(res)); return; }
      state.last = answer;
      state.query = query;
      collapsed.clear();
      render();
    } catch (e) {
      if (mine === sequence && e.name !== 'AbortError') showError(t('pivot.error.other', {status: '', detail: e.message}));
    } finally {
      if (mine === sequence) { busy(false); inFlight = null; }
    }
  };
  $('run').addEventListener('click', run);
  $('cancel').addEventListener('click', () => {
    if (!inFlight) return;
    inFlight.abort();
    sequence++;
    inFlight = null;
    busy(false);
  });

  // --- table -------------------------------------------------------------------------------------------------

  const keyLabel = (key, depth) => {
    if (depth < key.path.length) return key.path[depth];
    if (depth === key.path.length) return t(key.kind === 'total' ? 'pivot.total' : key.kind === 'subtotal' ? 'pivot.subtotal' : '');
    return '';
  };

  const value = (v, name) => (v === null || v === undefined ? '' : number(v, name === 'winRate' ? {maximumFractionDigits: 4} : {maximumFractionDigits: 2}));

  /** Builds the whole table as one string and sets it once: a 10,000-cell answer is one layout, not 10,000. */
  const render = () => {
    const m = state.last;
    if (!m) return;
    const began = performance.now();
    const rowDims = m.rows.length ? m.rows : [''];
    const measures = m.measures;
    const keys = m.columnKeys;
    const depth = Math.max(m.columns.length, 1);
    const html = ['<thead>'];
    // one header row per column dimension; equal neighbouring prefixes merge into one cell
    for (let level = 0; level < m.columns.length; level++) {
      html.push('<tr>');
      rowDims.forEach((d, i) => html.push(i === rowDims.length - 1
        ? `<th>${escape(label(dimension(m.columns[level])))}</th>` : '<th></th>'));
      for (let k = 0; k < keys.length;) {
        const text = keyLabel(keys[k], level);
        const prefix = keys[k].path.slice(0, level + 1).join(SEP) + '|' + (keys[k].path.length <= level ? keys[k].kind : '');
        let span = 1;
        while (k + span < keys.length && keys[k + span].path.slice(0, level + 1).join(SEP) + '|'
          + (keys[k + span].path.length <= level ? keys[k + span].kind : '') === prefix
          && keyLabel(keys[k + span], level) === text) span++;
        html.push(`<th colspan="${span * measures.length}" class="${keys[k].kind}">${escape(text)}</th>`);
        k += span;
      }
      html.push('</tr>');
    }
    html.push('<tr class="measures">');
    rowDims.forEach(d => html.push(`<th>${escape(d ? label(dimension(d)) : '')}</th>`));
    for (const key of keys) for (const name of measures) html.push(`<th class="${key.kind}">${escape(label(measure(name)))}</th>`);
    html.push('</tr></thead><tbody>');
    for (const line of m.cells) {
      const path = line.path.join(SEP);
      html.push(`<tr class="${line.kind}" data-path="${escape(path)}" data-level="${line.level}">`);
      for (let i = 0; i < rowDims.length; i++) {
        let text = keyLabel(line, i);
        const toggle = line.kind === 'subtotal' && i === line.path.length - 1
          ? `<button type="button" class="toggle" data-path="${escape(path)}">${collapsed.has(path) ? '▸' : '▾'}</button>` : '';
        if (line.kind === 'subtotal' && i === line.path.length - 1) text = line.path[i];
        if (line.kind === 'subtotal' && i === line.path.length) text = t('pivot.subtotal');
        html.push(`<th>${toggle}${escape(text)}</th>`);
      }
      line.values.forEach((values, k) => {
        for (const name of measures) html.push(`<td class="v ${keys[k].kind}">${escape(value(values[name], name))}</td>`);
      });
      html.push('</tr>');
    }
    html.push('</tbody>');
    $('pivot-table').innerHTML = html.join('');
    applyCollapsed();
    window.pivotRenderMs = performance.now() - began;
    $('summary').textContent = t('pivot.summary', {lines: number(m.cells.length), cells: number(m.cells.length * keys.length * measures.length)});
    $('export-xlsx').disabled = false;
    $('export-csv').disabled = false;
    if (!$('chart').hidden) drawChart();
  };

  /** Hides the lines under a collapsed subtotal (its members come before it); the subtotal line itself stays. */
  const applyCollapsed = () => {
    const prefixes = [...collapsed].map(p => p + SEP);
    for (const tr of $('pivot-table').tBodies[0]?.rows || []) {
      const path = tr.dataset.path;
      tr.hidden = tr.className !== 'total' && prefixes.some(p => (path + SEP).startsWith(p) && path + SEP !== p);
    }
  };

  $('pivot-table').addEventListener('click', e => {
    const button = e.target.closest('button.toggle');
    if (!button) return;
    const path = button.dataset.path;
    if (collapsed.has(path)) collapsed.delete(path); else collapsed.add(path);
    button.textContent = collapsed.has(path) ? '▸' : '▾';
    applyCollapsed();
  });

  // --- chart: the first measure of the innermost member lines by column member (subtotals and totals left out) -

  const drawChart = () => {
    const m = state.last;
    if (!m || typeof echarts === 'undefined') return;
    chart = chart || echarts.init($('chart'));
    const name = m.measures[0];
    const columns = m.columnKeys.map((k, i) => [k, i]).filter(([k]) => k.kind === 'member' || m.columns.length === 0);
    const lines = m.cells.filter(l => l.kind === 'member' && l.level === m.rows.length);
    chart.setOption({
      tooltip: {}, legend: {type: 'scroll'},
      xAxis: {type: 'category', data: lines.map(l => l.path.join(' / ') || t('pivot.total'))},
      yAxis: {type: 'value', name: label(measure(name))},
      series: columns.map(([k, i]) => ({type: 'bar', name: k.path.join(' / ') || label(measure(name)),
        data: lines.map(l => l.values[i][name])})),
    }, true);
    chart.resize();
  };
  $('show-chart').addEventListener('change', e => {
    $('chart').hidden = !e.target.checked;
    if (e.target.checked) drawChart();
  });

  // --- export: the last query's body, fetched with the token, handed over as a file -----------------------------

  const exportAs = async kind => {
    if (!state.query) return;
    showError('');
    const res = await authorizedFetch(`/olap/v1/pivot.${kind}`, {method: 'POST',
      headers: {'Content-Type': 'application/json', Accept: '*/*'}, body: JSON.stringify(state.query)});
    if (!res.ok) { showError(await problem(res)); return; }
    const blob = await res.blob();
    window.pivotLastExport = {kind, size: blob.size, type: blob.type};
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${state.query.cube}.${kind}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  };
  $('export-xlsx').addEventListener('click', () => exportAs('xlsx'));
  $('export-csv').addEventListener('click', () => exportAs('csv'));

  window.addEventListener('pulse:language', () => { drawBuilder(); render(); });

  try {
    const res = await authorizedFetch('/olap/v1/cubes');
    if (!res.ok) throw new Error(await problem(res));
    state.cubes = (await res.json()).cubes;
    $('cube').replaceChildren(...state.cubes.map(c => Object.assign(new Option(label(c), c.name), {})));
    chooseCube(state.cubes[0]?.name);
    window.addEventListener('pulse:language', () => {
      for (const option of $('cube').options) option.textContent = label(state.cubes.find(c => c.name === option.value));
    });
  } catch (e) {
    showError(t('pivot.error.catalogue', {detail: e.message}));
  }
}
