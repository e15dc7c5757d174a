// The scope picker: the whole company, a team (with its sub-teams), or one person of that team.
// Teams and users come from the api (readable by every signed-in user).
import {json} from '../app/session.js';
import {t} from '../app/i18n.js';

const COMPANY = {type: 'COMPANY', id: 'company'};

/** Every item of a cursor-paged api list. */
async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const page = await json(`${path}?limit=200${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 5000);
  return items;
}

export class ScopePicker {

  constructor(teamSelect, ownerSelect, onChange) {
    this.teamSelect = teamSelect;
    this.ownerSelect = ownerSelect;
    this.onChange = onChange;
    this.teams = [];
    this.users = [];
    teamSelect.addEventListener('change', () => { this.fillOwners(); this.onChange(this.scope()); });
    ownerSelect.addEventListener('change', () => this.onChange(this.scope()));
    this.render();
  }

  async load() {
    [this.teams, this.users] = await Promise.all([all('/api/v1/teams'), all('/api/v1/users')]);
    this.render();
  }

  /** user id -> display name, for the leaderboard */
  names() {
    return new Map(this.users.map(u => [String(u.id).toLowerCase(), u.name || u.username]));
  }

  scope() {
    if (this.ownerSelect.value) return {type: 'OWNER', id: this.ownerSelect.value};
    if (this.teamSelect.value) return {type: 'TEAM', id: this.teamSelect.value};
    return COMPANY;
  }

  /** A team and every team below it: a TEAM scope covers its sub-teams (olap/DESIGN.md). */
  subtree(teamId) {
    const ids = [teamId];
    for (let i = 0; i < ids.length; i++) {
      this.teams.filter(x => String(x.parentId || '').toLowerCase() === ids[i]).forEach(x => ids.push(String(x.id).toLowerCase()));
    }
    return ids;
  }

  render() {
    const chosen = this.teamSelect.value;
    const options = [new Option(t('scope.company'), '')];
    const walk = (parent, depth) => this.teams
        .filter(x => (x.parentId ? String(x.parentId).toLowerCase() : null) === parent)
        .sort((a, b) => a.name.localeCompare(b.name))
        .forEach(team => {
          const id = String(team.id).toLowerCase();
          options.push(new Option(`${'\u00a0\u00a0'.repeat(depth)}${team.name}`, id));
          walk(id, depth + 1);
        });
    walk(null, 0);
    this.teamSelect.replaceChildren(...options);
    this.teamSelect.value = chosen;
    this.fillOwners();
  }

  fillOwners() {
    const chosen = this.ownerSelect.value;
    const team = this.teamSelect.value;
    const members = team ? this.users.filter(u => String(u.teamId || '').toLowerCase() === team) : [];
    this.ownerSelect.replaceChildren(new Option(team ? t('scope.wholeTeam') : '—', ''),
        ...members.sort((a, b) => (a.name || '').localeCompare(b.name || ''))
            .map(u => new Option(u.name || u.username, String(u.id).toLowerCase())));
    this.ownerSelect.disabled = !team;
    this.ownerSelect.value = members.some(u => String(u.id).toLowerCase() === chosen) ? chosen : '';
  }
}

export function scopeParams(scope) {
  return `scopeType=${encodeURIComponent(scope.type)}&scopeId=${encodeURIComponent(scope.id)}`;
}
