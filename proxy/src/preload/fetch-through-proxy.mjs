// Preload for `oauth-inspector run`: makes Node's own fetch honour HTTP(S)_PROXY (Node 20 ignores them).
// Plain JavaScript on purpose: it runs inside the user's program, which has no TypeScript loader.
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

setGlobalDispatcher(new EnvHttpProxyAgent());
