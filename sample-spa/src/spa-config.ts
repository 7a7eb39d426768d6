// The SPA's configuration, downloaded at start from its own server (step 1): no OAuth details in the bundle.

export interface SpaConfig {
  app: {
    webOrigin: string;
    apiBaseUrl: string;
    /** After the list, ask for this item by id (step 18: another user's item is answered 404). */
    openItemId?: string;
    /** After the list, ask for each listed item by id (step 16: later calls reuse the API's cached keys). */
    itemDetails?: boolean;
  };
  oauth: {
    authority: string;
    clientId: string;
    redirectUri: string;
    postLogoutRedirectUri: string;
    scope: string;
    /** Set for the legacy page only (`id_token token`); the code-flow SPA always uses `code`. */
    responseType?: string;
  };
}

export const CONFIG_PATH = '/spa.config.json';

export async function loadSpaConfig(): Promise<SpaConfig> {
  const response = await fetch(CONFIG_PATH, { cache: 'no-store' });
  if (!response.ok) throw new Error(`configuration download failed with status ${response.status}`);
  return (await response.json()) as SpaConfig;
}
