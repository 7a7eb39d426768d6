// The parts both sample pages (the code-flow SPA and the legacy page) share: status line, error panel, item list, API GETs.

export interface ProblemView {
  area: string;
  code: string;
  status: string;
  details: string;
}

export const $ = (id: string) => document.getElementById(id) as HTMLElement;

export function setStatus(text: string): void {
  $('status').textContent = text;
}

export function showProblem(problem: ProblemView): void {
  $('error-area').textContent = problem.area;
  $('error-code').textContent = problem.code;
  $('error-status').textContent = problem.status;
  $('error-details').textContent = problem.details;
  $('error-panel').hidden = false;
  setStatus('Error');
}

export function clearProblem(): void {
  $('error-panel').hidden = true;
}

export function showItems(items: { title: string; detail: string }[]): void {
  $('items').replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.testid = 'item';
      li.textContent = `${item.title} (${item.detail})`;
      return li;
    }),
  );
  $('data').hidden = false;
}

/** An API answer: its status and JSON body (an empty object when the body is not JSON). */
export interface ApiAnswer {
  response: Response;
  body: Record<string, unknown>;
}

/** GETs `url` from the API; when the API cannot be reached, shows that problem and resolves undefined. */
export async function getFromApi(url: string, headers: Record<string, string>): Promise<ApiAnswer | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (error) {
    showProblem({
      area: 'API',
      code: 'network_error',
      status: '0',
      details: `the API could not be reached (${(error as Error).message})`,
    });
    return undefined;
  }
  return { response, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}
