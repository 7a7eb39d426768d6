// The API's data: a few items per user, keyed by the `sub` of the test users the auth server knows.

export interface Item {
  id: string;
  title: string;
  detail: string;
}

/** Same subjects as auth-server/src/users.ts (alice, bob); kept here so the API stands alone. */
const ITEMS_BY_SUB: Record<string, Item[]> = {
  'a6b1c2d3-0001-4000-8000-000000000001': [
    { id: 'a-1', title: 'Quarterly report', detail: 'Draft for review' },
    { id: 'a-2', title: 'Travel booking', detail: 'Berlin, 3 nights' },
  ],
  'b6b1c2d3-0002-4000-8000-000000000002': [{ id: 'b-1', title: 'Team offsite', detail: 'Venue shortlist' }],
};

/** Filtering a collection by the token's subject (step 18): only the caller's own items. */
export function itemsOf(sub: string): Item[] {
  return ITEMS_BY_SUB[sub] ?? [];
}

/**
 * One item of the caller, or undefined. Another user's item is answered like a missing one (404, not 403):
 * a 403 would confirm that the id exists and belongs to someone else, so ids could be probed
 * (RFC 9110 §15.5.5 allows 404 for a resource the server does not want to reveal).
 */
export function itemOf(sub: string, id: string): Item | undefined {
  return itemsOf(sub).find((item) => item.id === id);
}
