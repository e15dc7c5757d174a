// The rep leaderboard: amount won this year by owner, from a pivot over the opportunities cube
// (POST /olap/v1/pivot: rows owner, measures amountBase and count, stage CLOSED_WON, closed this year),
// within the chosen scope. Owner ids are named from the api's user list.
import {money, number, t} from '../app/i18n.js';
import {flash} from './forecast.js';

const TOP = 10;

/** The pivot request for a scope; `teamIds` is the team with its sub-teams for a TEAM scope. */
export function leaderboardQuery(scope, year, teamIds) {
  const filters = [
    {field: 'stage', op: 'eq', value: 'CLOSED_WON'},
    {field: 'closedDate', op: 'between', from: `${year}-01-01`, to: `${year}-12-31`}
  ];
  if (scope.type === 'TEAM') filters.push({field: 'team', op: 'in', values: teamIds});
  if (scope.type === 'OWNER') filters.push({field: 'owner', op: 'eq', value: scope.id});
  return {cube: 'opportunities', rows: ['owner'], columns: [], measures: ['amountBase', 'count'], filters,
    sort: {by: 'amountBase', direction: 'desc'}};
}

export class Leaderboard {

  constructor(tableBody, emptyNote, card) {
    this.table = tableBody;
    this.emptyNote = emptyNote;
    this.card = card;
    this.rows = null;
    this.names = new Map();
  }

  reset() {
    this.rows = null;
  }

  setNames(names) {
    this.names = names;
    this.render();
  }

  show(pivot) {
    // one line per owner (path of one member); its last value is the total column
    const rows = pivot.cells.filter(line => line.path.length === 1).map(line => {
      const values = line.values[line.values.length - 1];
      return {owner: line.path[0], amount: Number(values.amountBase), count: Number(values.count)};
    }).sort((a, b) => b.amount - a.amount).slice(0, TOP);
    if (this.rows && JSON.stringify(this.rows) !== JSON.stringify(rows)) flash(this.card);
    this.rows = rows;
    this.render();
  }

  render() {
    if (!this.rows) return;
    this.emptyNote.hidden = this.rows.length > 0;
    this.table.replaceChildren(...this.rows.map((r, i) => {
      const tr = document.createElement('tr');
      tr.dataset.owner = r.owner;
      const cells = [String(i + 1), this.names.get(r.owner) || r.owner, money(r.amount), number(r.count)];
      const fields = ['rank', 'owner', 'amount', 'count'];
      cells.forEach((text, j) => {
        const td = document.createElement(j === 1 ? 'th' : 'td');
        td.dataset.field = fields[j];
        td.textContent = text;
        if (fields[j] === 'amount') td.dataset.value = r.amount.toFixed(2);
        tr.append(td);
      });
      return tr;
    }));
  }
}
