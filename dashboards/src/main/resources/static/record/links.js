// Where an api record's path opens for a person: the read-only record page (record.html) for the kinds it shows.
const TYPES = {accounts: 'account', opportunities: 'opportunity', contacts: 'contact', activities: 'activity', tasks: 'task'};

/** `/api/v1/opportunities/{id}` → `/record.html?type=opportunity&id={id}`; null for any other path. */
export function recordPage(apiPath) {
  const match = /^\/api\/v1\/(accounts|opportunities|contacts|activities|tasks)\/([^/?#]+)$/.exec(apiPath || '');
  if (!match) return null;
  return `/record.html?${new URLSearchParams({type: TYPES[match[1]], id: decodeURIComponent(match[2])})}`;
}
