// The scope picker: the whole company, a team (with its sub-teams), or one person of that team.
// Teams and users come from the api (readable by every signed-in user). What it offers follows the data
// scope the services apply (notifier/DESIGN.md, api's data scope): executives and admins everything; a
// manager the teams they manage with the teams below them and the people in those, not the company.
import {claims, everyItem, roles} from '../app/session.js';
import {t} from '../app/i18n.js';

const COMPANY = {type: 'COMPANY', id: 'company'};

/** Whether the signed-in user sees the company and every team (else only what they manage). */
export function seesEverything() {
  return roles().some(r => r === 'EXECUTIVE' || r === 'ADMIN' || r === 'ANALYST');
}

const lower = id => (id == null ? null : String(id).toLowerCase());


export class ScopePicker {

  constructor(teamSelect, ownerSelect, onChange) {
    this.teamSelect = teamSelect;
    this.ownerSelect = ownerSelect;
    this.onChange = onChange;
    this.everything = seesEverything();
    this.me = lower((claims() || {}).sub);
    this.teams = [];
    this.users = [];
    this.loaded = false;
    teamSelect.addEventListener('change', () => { this.fillOwners(); this.onChange(this.scope()); });
    ownerSelect.addEventListener('change', () => this.onChange(this.scope()));
    this.render();
  }

  async load() {
    [this.teams, this.users] = await Promise.all([everyItem('/api/v1/teams', {}, 5000), everyItem('/api/v1/users', {}, 5000)]);
    this.loaded = true;
    this.render();
  }

  /** The teams the picker starts its tree from: the top-level ones, or for a manager the ones they manage. */
  roots() {
    if (this.everything) return this.teams.filter(x => !x.parentId);
    const managed = this.teams.filter(x => lower(x.managerId) === this.me);
    // a managed team below another managed team is already in that team's subtree
    const below = new Set(managed.flatMap(x => this.subtree(lower(x.id)).slice(1)));
    return managed.filter(x => !below.has(lower(x.id)));
  }

  /** user id -> display name, for the leaderboard */
  names() {
    return new Map(this.users.map(u => [String(u.id).toLowerCase(), u.name || u.username]));
  }

  /** The chosen scope; null for a manager until the teams are known (the page reads nothing until then). */
  scope() {
    if (this.ownerSelect.value) return {type: 'OWNER', id: this.ownerSelect.value};
    if (this.teamSelect.value) return {type: 'TEAM', id: this.teamSelect.value};
    if (this.everything) return COMPANY;
    // a manager of no team sees their own deals only
    return this.loaded && this.me ? {type: 'OWNER', id: this.me} : null;
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
    const options = this.everything ? [new Option(t('scope.company'), '')] : [];
    const add = (team, depth) => {
      const id = lower(team.id);
      options.push(new Option(`${'\u00a0\u00a0'.repeat(depth)}${team.name}`, id));
      this.teams.filter(x => lower(x.parentId) === id).sort(byName).forEach(child => add(child, depth + 1));
    };
    this.roots().sort(byName).forEach(team => add(team, 0));
    if (!options.length) options.push(new Option('—', '')); // a manager of no team: only themselves
    this.teamSelect.replaceChildren(...options);
    // keep the choice; a manager starts on (the first of) their own teams
    this.teamSelect.value = options.some(o => o.value === chosen) ? chosen : options[0].value;
    this.teamSelect.disabled = options.length === 1 && !options[0].value;
    this.fillOwners();
  }

  fillOwners() {
    const chosen = this.ownerSelect.value;
    const team = this.teamSelect.value;
    if (!team && !this.everything) { // a manager of no team
      const me = this.users.find(u => lower(u.id) === this.me);
      this.ownerSelect.replaceChildren(new Option(me ? me.name || me.username : '—', this.loaded ? this.me : ''));
      this.ownerSelect.disabled = true;
      return;
    }
    const members = team ? this.users.filter(u => String(u.teamId || '').toLowerCase() === team) : [];
    this.ownerSelect.replaceChildren(new Option(team ? t('scope.wholeTeam') : '—', ''),
        ...members.sort((a, b) => (a.name || '').localeCompare(b.name || ''))
            .map(u => new Option(u.name || u.username, String(u.id).toLowerCase())));
    this.ownerSelect.disabled = !team;
    this.ownerSelect.value = members.some(u => String(u.id).toLowerCase() === chosen) ? chosen : '';
  }
}

const byName = (a, b) => (a.name || '').localeCompare(b.name || '');

export function scopeParams(scope) {
  return `scopeType=${encodeURIComponent(scope.type)}&scopeId=${encodeURIComponent(scope.id)}`;
}
