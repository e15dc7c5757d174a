// The analyst's pivot over the olap service (through the gateway's /olap route with the user's token): pick a cube,
// drag or pick dimensions into rows and columns, tick measures, add member filters, run; the matrix comes back with
// its header trees, subtotals and totals, which the page draws as one table (and optionally a chart). Exports post
// the very body of the last query so the file is the table on screen. A row member drills down by the next dimension
// (olap's recipe: the parent's filters plus one eq filter per member of its path), a figure drills through to its
// records (POST /olap/v1/records, keyset pages), and the builder's query can be kept as a saved view.
import {start} from '../app/chrome.js';
import {authorizedFetch} from '../app/session.js';
import {dateTime, has, language, number, t} from '../app/i18n.js';

const $ = id => document.getElementById(id);
const SEP = '\u0001';
// The relative periods olap's filter model accepts (olap/DESIGN.md "Relative periods"), plus three common last_N_days.
const PERIODS = ['this', 'last', 'next'].flatMap(w => ['day', 'week', 'month', 'quarter', 'year'].map(u => `${w}_${u}`))
  .concat(['last_7_days', 'last_30_days', 'last_90_days']);
const RECORDS_PAGE = 50;
// the member picker lists this many matches at most: a long list is narrowed by typing, not scrolled through
const PICKER_SHOWN = 100;

if (await start('pivot')) {
  // filters are kept in olap's wire form ({field, op, value|values|from,to}); extras are a loaded view's sort/top
  const state = {cubes: [], cube: null, rows: [], columns: [], measures: [], filters: [], extras: {}, last: null, query: null,
    drills: [], records: null, views: []};
  const collapsed = new Set();
  let sequence = 0;
  let inFlight = null;
  let chart = null;

  const label = item => (item ? (language() === 'zh-CN' ? item.labelZhCN : item.labelEn) || item.name : '');
  const dimension = name => state.cube.dimensions.find(d => d.name === name);
  const measure = name => state.cube.measures.find(m => m.name === name);
  // a member's display label as olap answered it (a name for an owner's or team's id, a stage in the page's language);
  // the member itself is still the key of paths, filters, drill-down and drill-through
  const memberLabels = {};
  const memberLabel = (dim, member) => memberLabels[dim]?.[member] ?? member;
  // olap could not read the names from the api (an answer's warnings): ids stand in for them, and the page says so
  const showNamesMissing = (id, warnings) => {
    const missing = (warnings || []).length > 0;
    $(id).textContent = missing ? t('pivot.namesMissing') : '';
    $(id).hidden = !missing;
  };
  const escape = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  /** Refills a select with [label, value] options, keeping the chosen value while it is still offered. */
  const refill = (select, options) => {
    const chosen = select.value;
    select.replaceChildren(...options.map(([text, value]) => new Option(text, value)));
    if (options.some(([, value]) => value === chosen)) select.value = chosen;
  };
  const checkBox = (value, checked, onChange) => {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = value;
    box.checked = checked;
    box.addEventListener('change', () => onChange(box.checked));
    return box;
  };
  /** A JSON POST to olap with the page's language, so members, titles and problems come labelled in it. */
  const askOlap = (url, body, signal) => authorizedFetch(url, {method: 'POST', signal,
    headers: {'Content-Type': 'application/json', 'Accept-Language': language()}, body: JSON.stringify(body)});

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
      const box = checkBox(m.name, state.measures.includes(m.name), on => {
        state.measures = state.cube.measures.map(x => x.name).filter(n => n === m.name ? on : state.measures.includes(n));
      });
      l.append(box, ' ', label(m));
      const div = document.createElement('div');
      div.append(l);
      return div;
    }));
    // no field chosen at first: choosing one is what asks olap for its members
    const memberFilters = state.cube.filters.filter(f => f.ops.includes('in'));
    refill($('filter-field'), [[t('pivot.filterField'), ''], ...memberFilters.map(f => [label(f), f.field])]);
    const dateFields = state.cube.filters.filter(f => f.ops.includes('between'));
    refill($('date-field'), dateFields.map(f => [label(f), f.field]));
    $('date-field').closest('.dates').hidden = !dateFields.length;
    refill($('date-relative'), PERIODS.map(p => [periodLabel(p), p]));
    // drill-down offers the dimensions neither on an axis nor already fixed to one member
    const fixed = new Set(state.filters.filter(f => f.op === 'eq').map(f => f.field));
    refill($('drill-by'), free.filter(n => !fixed.has(n)).map(n => [label(dimension(n)), n]));
    drawFilterChips();
    // the picker's members depend on the other filters (and the language): ask again when they changed
    if ($('filter-field').value !== picker.field || (picker.field && memberQueryKey(picker.field) !== picker.key)) loadMembers();
  };

  const drawFilterChips = () => {
    $('filter-list').replaceChildren(...state.filters.map((f, i) => {
      const li = document.createElement('li');
      li.className = 'chip';
      li.textContent = filterText(f);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.addEventListener('click', () => { state.filters.splice(i, 1); drawBuilder(); });
      li.append(remove);
      return li;
    }));
  };

  const periodLabel = p => {
    const n = /^last_(\d+)_days$/.exec(p);
    return n ? t('pivot.period.lastNDays', {n: n[1]}) : t(`pivot.period.${p}`);
  };

  const filterText = f => {
    const field = label(state.cube.filters.find(x => x.field === f.field)) || f.field;
    if (f.op === 'eq') return `${field} = ${memberLabel(f.field, f.value)}`;
    if (f.op === 'in') return `${field} ∈ ${f.values.map(v => memberLabel(f.field, v)).join(', ')}`;
    if (f.op === 'between') return `${field} ${f.from} – ${f.to}`;
    if (f.op === 'relative') return `${field}: ${periodLabel(f.value)}`;
    return `${field} ${f.op} ${f.from ?? ''} – ${f.to ?? ''}`;
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
  // --- member picker: the chosen filter field's members, as olap answers a one-dimension pivot of them ---------

  // field: the field shown; members: [{key, label, count}] by label; picked: the keys ticked (kept while narrowing);
  // key: the query the members answer (with the language), so a change of the other filters asks again
  const picker = {field: '', members: [], picked: new Set(), loading: false, error: '', key: null, sequence: 0};

  /** The pivot that lists a field's members for the caller (olap's data scope applies to it like to any pivot):
   *  rows [field], no columns, the count (else the cube's first measure), and the filters on the other fields, so
   *  the list holds only members the query can still meet. */
  const memberQuery = field => {
    const measure = state.cube.measures.find(m => m.name === 'count') || state.cube.measures[0];
    return {cube: state.cube.name, rows: [field], columns: [], measures: measure ? [measure.name] : [],
      filters: state.filters.filter(f => f.field !== field).map(f => ({...f}))};
  };
  const memberQueryKey = field => `${language()}|${JSON.stringify(memberQuery(field))}`;

  const loadMembers = async () => {
    const field = $('filter-field').value;
    if (field !== picker.field) { picker.picked.clear(); $('member-search').value = ''; }
    picker.field = field;
    picker.members = [];
    picker.error = '';
    picker.key = null;
    const mine = ++picker.sequence;
    // a filter field that is no dimension of the cube cannot be put in the rows: only typed keys for it
    if (!field || !dimension(field)) { picker.loading = false; drawPicker(); return; }
    const query = memberQuery(field);
    picker.key = memberQueryKey(field);
    picker.loading = true;
    drawPicker();
    try {
      // labelled in the page's language, as the table's members are (olap/DESIGN.md "Member labels")
      const res = await askOlap(`/olap/v1/pivot?lang=${encodeURIComponent(language())}`, query);
      const answer = res.ok ? await res.json() : null;
      const refused = res.ok ? '' : await problem(res);
      if (mine !== picker.sequence) return; // another field was chosen meanwhile
      if (refused) { picker.error = t('pivot.picker.failed', {detail: refused}); return; }
      const labels = answer.labels?.[field] || {};
      // the chips of a picked member name it even before a run brings the table's labels
      memberLabels[field] = {...memberLabels[field], ...labels};
      drawFilterChips();
      const total = Math.max(0, (answer.columnKeys || []).findIndex(k => k.kind === 'total'));
      const measure = query.measures[0];
      picker.members = answer.cells.filter(line => line.kind === 'member' && line.path.length === 1)
        .map(line => ({key: line.path[0], label: String(labels[line.path[0]] ?? line.path[0]), count: line.values[total]?.[measure]}))
        .sort((a, b) => (a.key === '(none)') - (b.key === '(none)') || a.label.localeCompare(b.label, language()));
    } catch (e) {
      if (mine === picker.sequence && e.name !== 'AbortError') picker.error = t('pivot.picker.failed', {detail: e.message});
    } finally {
      if (mine === picker.sequence) { picker.loading = false; drawPicker(); }
    }
  };

  /** The members matching the search box (by label or key, any case), the first PICKER_SHOWN of them as check boxes. */
  const drawPicker = () => {
    $('member-picker').hidden = !picker.field || !dimension(picker.field);
    $('member-loading').hidden = !picker.loading;
    $('member-error').textContent = picker.error;
    $('member-error').hidden = !picker.error;
    const needle = $('member-search').value.trim().toLocaleLowerCase();
    const matching = picker.members.filter(m => !needle
      || m.label.toLocaleLowerCase().includes(needle) || m.key.toLocaleLowerCase().includes(needle));
    const shown = matching.slice(0, PICKER_SHOWN);
    $('member-list').replaceChildren(...shown.map(m => {
      const li = document.createElement('li');
      const l = document.createElement('label');
      const box = checkBox(m.key, picker.picked.has(m.key), on => {
        if (on) picker.picked.add(m.key); else picker.picked.delete(m.key);
        drawPickerNote(matching.length, shown.length);
      });
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = m.label;
      if (m.label !== m.key) name.title = m.key;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = m.count === null || m.count === undefined ? '' : number(m.count);
      l.append(box, name, count);
      li.append(l);
      return li;
    }));
    drawPickerNote(matching.length, shown.length);
  };

  const drawPickerNote = (matching, shown) => {
    const notes = [];
    if (!picker.loading && !picker.error) {
      if (!picker.members.length) notes.push(t('pivot.picker.none'));
      else if (!matching) notes.push(t('pivot.picker.noMatch'));
      else if (shown < matching) notes.push(t('pivot.picker.more', {shown: number(shown), count: number(matching)}));
    }
    if (picker.picked.size) notes.push(t('pivot.picker.picked', {count: number(picker.picked.size)}));
    $('member-note').textContent = notes.join(' ');
    $('member-note').hidden = !notes.length;
  };

  $('filter-field').addEventListener('change', () => loadMembers());
  $('member-search').addEventListener('input', () => drawPicker());

  // the ticked members and the typed keys together: one member is an eq filter, several an in filter
  $('filter-add').addEventListener('click', () => {
    const field = $('filter-field').value;
    const typed = $('filter-members').value.split(',').map(s => s.trim()).filter(Boolean);
    // in the list's order; a ticked member the list no longer holds (the other filters changed) is still meant
    const listed = picker.members.map(m => m.key);
    const picked = field === picker.field
      ? [...listed.filter(k => picker.picked.has(k)), ...[...picker.picked].filter(k => !listed.includes(k))] : [];
    const values = [...new Set([...picked, ...typed])];
    if (!field || !values.length) return;
    state.filters.push(values.length === 1 ? {field, op: 'eq', value: values[0]} : {field, op: 'in', values});
    $('filter-members').value = '';
    picker.picked.clear();
    drawBuilder();
    drawPicker();
  });
  $('date-mode').addEventListener('change', e => {
    $('date-range').hidden = e.target.value !== 'between';
    $('date-relative').hidden = e.target.value === 'between';
  });
  $('date-add').addEventListener('click', () => {
    const field = $('date-field').value;
    if (!field) return;
    if ($('date-mode').value === 'between') {
      const from = $('date-from').value;
      const to = $('date-to').value;
      if (!from || !to) { showError(t('pivot.date.needBoth')); return; }
      state.filters.push({field, op: 'between', from, to});
    } else {
      state.filters.push({field, op: 'relative', value: $('date-relative').value});
    }
    showError('');
    drawBuilder();
  });

  const chooseCube = name => {
    state.cube = state.cubes.find(c => c.name === name) || state.cubes[0];
    state.rows = [];
    state.columns = [];
    state.filters = [];
    state.extras = {};
    state.drills = [];
    state.measures = state.cube.measures.length ? [state.cube.measures[0].name] : [];
    $('cube').value = state.cube.name;
    drawDrillPath();
    drawBuilder();
  };
  $('cube').addEventListener('change', e => chooseCube(e.target.value));

  // --- query -------------------------------------------------------------------------------------------------

  const body = () => ({
    cube: state.cube.name, rows: [...state.rows], columns: [...state.columns], measures: [...state.measures],
    filters: state.filters.map(f => ({...f})), ...state.extras,
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

  /** Runs the builder's query, or (a loaded view) posts to the view's own pivot address, whose query is `via.query`.
   *  Members come labelled in the page's language (Accept-Language), so a language switch runs the query again. */
  const run = async via => {
    if (inFlight) inFlight.abort();
    const mine = ++sequence;
    const controller = new AbortController();
    inFlight = controller;
    const query = via?.query ?? body();
    busy(true);
    showError('');
    try {
      // members labelled in the page's language, not the browser's (olap takes Accept-Language when no ?lang= is given)
      const res = await (via
        ? authorizedFetch(via.url, {method: 'POST', signal: controller.signal, headers: {'Accept-Language': language()}})
        : askOlap('/olap/v1/pivot', query, controller.signal));
      const answer = res.ok ? await res.json() : null;
      if (mine !== sequence) return; // a newer query was started: this answer is stale
      if (!res.ok) { showError(await problem(res)); return; }
      state.last = answer;
      state.query = query;
      state.via = via;
      // kept across answers: a drill-down's filter chips still name the members of the answer it came from
      for (const [dim, labels] of Object.entries(answer.labels || {})) memberLabels[dim] = {...memberLabels[dim], ...labels};
      collapsed.clear();
      render();
    } catch (e) {
      if (mine === sequence && e.name !== 'AbortError') showError(t('pivot.error.other', {status: '', detail: e.message}));
    } finally {
      if (mine === sequence) { busy(false); inFlight = null; }
    }
  };
  $('run').addEventListener('click', () => run());
  $('cancel').addEventListener('click', () => {
    if (!inFlight) return;
    inFlight.abort();
    sequence++;
    inFlight = null;
    busy(false);
  });

  // --- table -------------------------------------------------------------------------------------------------

  const keyLabel = (key, depth, dims) => {
    if (depth < key.path.length) return memberLabel(dims[depth], key.path[depth]);
    if (depth === key.path.length) return t(key.kind === 'total' ? 'pivot.total' : key.kind === 'subtotal' ? 'pivot.subtotal' : '');
    return '';
  };

  // olap sends money with 2 decimals and ratios with 4 (olap/DESIGN.md "Answer"), but JSON.parse keeps no trailing zero:
  // money is drawn with its 2 decimals always (50,000.10 as the XLSX has it, not 50,000.1), a ratio with up to 4
  const MONEY = new Set(['amountBase', 'weighted', 'avgDealSize']);
  const value = (v, name) => (v === null || v === undefined ? '' : number(v, MONEY.has(name)
    ? {minimumFractionDigits: 2, maximumFractionDigits: 2}
    : /Rate$/.test(name) ? {maximumFractionDigits: 4} : {maximumFractionDigits: 2}));

  /** Builds the whole table as one string and sets it once: a 10,000-cell answer is one layout, not 10,000. */
  const render = () => {
    const m = state.last;
    if (!m) return;
    const began = performance.now();
    const rowDims = m.rows.length ? m.rows : [''];
    const measures = m.measures;
    const keys = m.columnKeys;
    const drillTitle = t('pivot.drill.title');
    const html = ['<thead>'];
    // one header row per column dimension; equal neighbouring prefixes merge into one cell
    for (let level = 0; level < m.columns.length; level++) {
      html.push('<tr>');
      rowDims.forEach((d, i) => html.push(i === rowDims.length - 1
        ? `<th>${escape(label(dimension(m.columns[level])))}</th>` : '<th></th>'));
      for (let k = 0; k < keys.length;) {
        const text = keyLabel(keys[k], level, m.columns);
        const prefix = keys[k].path.slice(0, level + 1).join(SEP) + '|' + (keys[k].path.length <= level ? keys[k].kind : '');
        let span = 1;
        while (k + span < keys.length && keys[k + span].path.slice(0, level + 1).join(SEP) + '|'
          + (keys[k + span].path.length <= level ? keys[k + span].kind : '') === prefix
          && keyLabel(keys[k + span], level, m.columns) === text) span++;
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
        let text = keyLabel(line, i, m.rows);
        const toggle = line.kind === 'subtotal' && i === line.path.length - 1
          ? `<button type="button" class="toggle" data-path="${escape(path)}">${collapsed.has(path) ? '▸' : '▾'}</button>` : '';
        if (line.kind === 'subtotal' && i === line.path.length - 1) text = memberLabel(m.rows[i], line.path[i]);
        // the arrow is drawn by CSS (::before), so a header cell's text stays the member alone
        const drill = (line.kind === 'member' || line.kind === 'subtotal') && i === line.path.length - 1
          ? `<button type="button" class="drill" title="${escape(drillTitle)}" aria-label="${escape(drillTitle)}"></button>` : '';
        if (line.kind === 'subtotal' && i === line.path.length) text = t('pivot.subtotal');
        html.push(`<th>${toggle}${escape(text)}${drill}</th>`);
      }
      // olap's number as JSON text and the cell's coordinates (row path, column key path, measure) as attributes, so
      // a reader of the page (the browser tests) compares figures without parsing the language's number format
      line.values.forEach((values, k) => {
        const column = escape(keys[k].path.join(SEP));
        for (const name of measures) {
          const v = values[name];
          html.push(`<td class="v ${keys[k].kind}" data-row="${escape(path)}" data-column="${column}" data-measure="${escape(name)}"`
            + ` data-value="${v === null || v === undefined ? '' : escape(String(v))}">${escape(value(v, name))}</td>`);
        }
      });
      html.push('</tr>');
    }
    html.push('</tbody>');
    $('pivot-table').innerHTML = html.join('');
    applyCollapsed();
    window.pivotRenderMs = performance.now() - began;
    $('pivot-table').dataset.renderedAt = String(Date.now()); // epoch ms: how the browser tests time run-to-table
    $('summary').textContent = t('pivot.summary', {lines: number(m.cells.length), cells: number(m.cells.length * keys.length * measures.length)});
    showNamesMissing('labels-missing', m.warnings);
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
    const drillButton = e.target.closest('button.drill');
    if (drillButton) { drill(drillButton.closest('tr').dataset.path.split(SEP)); return; }
    const td = e.target.closest('td.v');
    if (td) { openRecords(td); return; }
    const button = e.target.closest('button.toggle');
    if (!button) return;
    const path = button.dataset.path;
    if (collapsed.has(path)) collapsed.delete(path); else collapsed.add(path);
    button.textContent = collapsed.has(path) ? '▸' : '▾';
    applyCollapsed();
  });

  // --- drill-down: olap's recipe over the pivot (olap/DESIGN.md "Drill-down") ------------------------------------

  /** Expands the member at `path` of the last answer by the chosen dimension: same columns, measures and filters, plus
   *  one eq filter per member of the path. The query before is kept so Back can return to it. */
  const drill = path => {
    const next = $('drill-by').value;
    const q = state.query;
    if (!next || !q) return;
    state.drills.push(q);
    state.rows = [next];
    state.columns = [...q.columns];
    state.measures = [...q.measures];
    state.filters = [...q.filters, ...path.map((member, i) => ({field: q.rows[i], op: 'eq', value: member}))];
    state.extras = {}; // a view's top/topByLevel speak of the parent's row levels, not the expansion's
    drawDrillPath();
    drawBuilder();
    run();
  };

  const restore = q => {
    state.rows = [...q.rows];
    state.columns = [...q.columns];
    state.measures = [...q.measures];
    state.filters = (q.filters || []).map(f => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined)));
    state.extras = Object.fromEntries(['sort', 'top', 'topByLevel'].filter(k => q[k] != null).map(k => [k, q[k]]));
  };

  const drawDrillPath = () => {
    const added = state.drills.length ? state.filters.slice(state.drills[0].filters.length) : [];
    $('drill-path').textContent = added.map(filterText).join(' › ');
    $('drill-back').hidden = !state.drills.length;
  };
  $('drill-back').addEventListener('click', () => {
    const q = state.drills.pop();
    if (!q) return;
    restore(q);
    drawDrillPath();
    drawBuilder();
    run();
  });

  // --- drill-through: the records behind one figure, a page at a time --------------------------------------------

  /** The cell of a figure as olap's records endpoint takes it: row dimension → member of the line, column dimension →
   *  member of the column key; a subtotal or total names only its path (the dimensions left out are totalled over). */
  const openRecords = td => {
    const m = state.last;
    const tr = td.closest('tr');
    const line = m.cells[tr.sectionRowIndex];
    const rowDims = Math.max(m.rows.length, 1);
    const key = m.columnKeys[Math.floor((td.cellIndex - rowDims) / m.measures.length)];
    if (!line || !key || line.kind === 'other') return;
    const cell = {};
    line.path.forEach((member, i) => { cell[m.rows[i]] = member; });
    key.path.forEach((member, i) => { cell[m.columns[i]] = member; });
    state.records = {cube: state.query.cube, filters: state.query.filters, cell, cursors: [null], page: 0, answer: null};
    readRecords();
  };

  const readRecords = async () => {
    const r = state.records;
    const asked = r;
    // owners, teams and codes labelled in the page's language, as the pivot asks (olap/DESIGN.md "Member labels")
    const res = await askOlap('/olap/v1/records',
      {cube: r.cube, filters: r.filters, cell: r.cell, pageSize: RECORDS_PAGE, cursor: r.cursors[r.page]});
    if (state.records !== asked) return; // another figure was clicked meanwhile
    if (!res.ok) { showError(await problem(res)); return; }
    r.answer = await res.json();
    drawRecords();
  };

  const recordLabel = field => {
    if (has(`pivot.record.${field}`)) return t(`pivot.record.${field}`);
    return label(dimension(field)) || label(measure(field)) || field;
  };

  const recordValue = (field, v) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return number(v, {maximumFractionDigits: 2});
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return dateTime(v);
    return String(v);
  };

  const drawRecords = () => {
    const r = state.records;
    if (!r || !r.answer) return;
    const records = r.answer.records;
    const labels = r.answer.labels || {};
    const fields = records.length ? Object.keys(records[0]).filter(f => f !== 'href') : [];
    const html = ['<thead><tr>', ...fields.map(f => `<th>${escape(recordLabel(f))}</th>`), '</tr></thead><tbody>'];
    for (const record of records) {
      html.push('<tr>');
      for (const f of fields) {
        const shown = labels[f]?.[record[f]];
        // an owner's name or a stage's label shown, the id or code kept on the cell (and as its tooltip)
        html.push(f === 'id' && record.href
          ? `<td><a href="${escape(record.href)}" target="_blank" rel="noopener">${escape(record.id)}</a></td>`
          : shown !== undefined && shown !== record[f]
            ? `<td data-field="${escape(f)}" data-key="${escape(record[f])}" title="${escape(record[f])}">${escape(shown)}</td>`
            : `<td data-field="${escape(f)}">${escape(recordValue(f, record[f]))}</td>`);
      }
      html.push('</tr>');
    }
    if (!records.length) html.push(`<tr><td>${escape(t('pivot.records.none'))}</td></tr>`);
    html.push('</tbody>');
    $('records-table').innerHTML = html.join('');
    const cell = Object.entries(r.cell).map(([d, v]) => `${label(dimension(d)) || d} = ${memberLabel(d, v)}`).join(', ');
    $('records-cell').textContent = cell || t('pivot.total');
    $('records-page').textContent = t('pivot.records.page', {page: r.page + 1, count: number(records.length)});
    $('records-previous').disabled = r.page === 0;
    $('records-next').disabled = !r.answer.nextCursor;
    showNamesMissing('records-labels-missing', r.answer.warnings);
    $('records').hidden = false;
  };
  $('records-next').addEventListener('click', () => {
    const r = state.records;
    if (!r?.answer?.nextCursor) return;
    r.cursors[r.page + 1] = r.answer.nextCursor;
    r.page++;
    readRecords();
  });
  $('records-previous').addEventListener('click', () => {
    const r = state.records;
    if (!r || r.page === 0) return;
    r.page--;
    readRecords();
  });
  $('records-close').addEventListener('click', () => { state.records = null; $('records').hidden = true; });

  // --- saved views (olap/DESIGN.md "Saved views") ----------------------------------------------------------------

  const viewStatus = (message, error) => {
    $('view-status').textContent = message;
    $('view-status').classList.toggle('error', !!error);
  };

  /** A refusal of the views endpoints in words: the name taken (409), changed meanwhile (412), not one's own (403). */
  const viewProblem = async res => {
    let p = {};
    try { p = await res.json(); } catch (e) { /* not JSON: the status says enough */ }
    const detail = p.detail || p.title || '';
    if (res.status === 409) return t('pivot.views.error.conflict', {detail});
    if (res.status === 412) return t('pivot.views.error.stale', {detail});
    if (res.status === 403) return t('pivot.views.error.forbidden', {detail});
    const error = (p.errors || [])[0];
    if (error) return t('pivot.error.field', {field: error.field, reason: error.reason});
    return t('pivot.error.other', {status: res.status, detail});
  };

  const drawViews = () => {
    $('view-list').replaceChildren(...state.views.map(v => {
      const li = document.createElement('li');
      li.dataset.id = v.id;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = v.name;
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = ` ${t(`pivot.views.sharing.${v.sharing}`)}${v.mine ? '' : ` · ${t('pivot.views.shared')}`} `;
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'open';
      open.textContent = t('pivot.views.open');
      open.addEventListener('click', () => openView(v));
      li.append(name, meta, open);
      if (v.mine) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'delete';
        remove.textContent = t('pivot.views.delete');
        remove.addEventListener('click', () => deleteView(v));
        li.append(' ', remove);
      }
      return li;
    }));
  };

  const loadViews = async () => {
    const res = await authorizedFetch('/olap/v1/views');
    if (!res.ok) { viewStatus(await viewProblem(res), true); return; }
    state.views = (await res.json()).views;
    drawViews();
  };

  $('view-save').addEventListener('click', async () => {
    const name = $('view-name').value.trim();
    if (!name) { viewStatus(t('pivot.views.nameNeeded'), true); return; }
    if (!state.cube) return;
    const res = await authorizedFetch('/olap/v1/views', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({name, query: body(), sharing: $('view-sharing').value})});
    if (!res.ok) { viewStatus(await viewProblem(res), true); return; }
    viewStatus(t('pivot.views.saved', {name}));
    await loadViews();
  });

  /** Puts the view's query in the builder (cube, rows, columns, measures, filters) and runs it through the view's
   *  own pivot address, so the figures are the reader's data scope like any shared view's. */
  const openView = v => {
    chooseCube(v.query.cube);
    restore(v.query);
    drawBuilder();
    $('view-name').value = v.name;
    $('view-sharing').value = v.sharing;
    viewStatus(t('pivot.views.opened', {name: v.name}));
    run({url: v.pivotHref || `/olap/v1/views/${encodeURIComponent(v.id)}/pivot`, query: body()});
  };

  const deleteView = async v => {
    const res = await authorizedFetch(`/olap/v1/views/${encodeURIComponent(v.id)}`,
      {method: 'DELETE', headers: {'If-Match': `"${v.version}"`}});
    if (res.ok) viewStatus(t('pivot.views.deleted', {name: v.name}));
    else viewStatus(await viewProblem(res), true);
    await loadViews();
  };

  // --- chart: the first measure of the innermost member lines by column member (subtotals and totals left out) -

  const drawChart = () => {
    const m = state.last;
    if (!m || typeof echarts === 'undefined') return;
    chart = chart || echarts.init($('chart'));
    const name = m.measures[0];
    const columns = m.columnKeys.map((k, i) => [k, i]).filter(([k]) => k.kind === 'member' || m.columns.length === 0);
    const lines = m.cells.filter(l => l.kind === 'member' && l.level === m.rows.length);
    const named = (path, dims) => path.map((p, i) => memberLabel(dims[i], p)).join(' / ');
    chart.setOption({
      // the figure as the table writes it (money with its 2 decimals, the page's language), not ECharts' own 50,000.1
      tooltip: {valueFormatter: v => value(v, name)}, legend: {type: 'scroll'},
      xAxis: {type: 'category', data: lines.map(l => named(l.path, m.rows) || t('pivot.total'))},
      yAxis: {type: 'value', name: label(measure(name))},
      series: columns.map(([k, i]) => ({type: 'bar', name: named(k.path, m.columns) || label(measure(name)),
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
    // titles in the page's language: olap would otherwise choose by Accept-Language, the browser's, not the switch's
    const res = await authorizedFetch(`/olap/v1/pivot.${kind}?lang=${encodeURIComponent(language())}`, {method: 'POST',
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

  window.addEventListener('pulse:language', () => {
    drawBuilder(); drawDrillPath(); render(); drawRecords(); drawViews();
    // the members' labels are olap's, in the language asked: ask again in the new one (the records page too)
    if (state.query) run(state.via);
    if (state.records?.answer) readRecords();
  });

  try {
    const res = await authorizedFetch('/olap/v1/cubes');
    if (!res.ok) throw new Error(await problem(res));
    state.cubes = (await res.json()).cubes;
    $('cube').replaceChildren(...state.cubes.map(c => Object.assign(new Option(label(c), c.name), {})));
    chooseCube(state.cubes[0]?.name);
    loadViews();
    window.addEventListener('pulse:language', () => {
      for (const option of $('cube').options) option.textContent = label(state.cubes.find(c => c.name === option.value));
    });
  } catch (e) {
    showError(t('pivot.error.catalogue', {detail: e.message}));
  }
}
