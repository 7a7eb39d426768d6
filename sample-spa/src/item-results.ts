// Shows the answers to the SPA's requests for one item by id (step 18: another user's item is answered 404).

export interface Item {
  id: string;
  title: string;
  detail: string;
}

const list = () => document.getElementById('item-results') as HTMLElement;

/** Empties the list of item answers (a new data load starts afresh). */
export function clearItemResults(): void {
  list().replaceChildren();
  (document.getElementById('item-section') as HTMLElement).hidden = true;
}

/** One line per answer: the item's title for a 200, the status and the API's message otherwise. Text only, never HTML. */
export function showItemResult(id: string, status: number, body: Record<string, unknown>): void {
  const li = document.createElement('li');
  li.dataset.testid = 'item-result';
  li.dataset.status = String(status);
  li.textContent =
    status === 200
      ? `${id}: ${String(body.title)} (${String(body.detail)})`
      : `${id}: ${status} ${String(body.message ?? body.code ?? 'error')}`;
  list().append(li);
  (document.getElementById('item-section') as HTMLElement).hidden = false;
}
