// Keeps the CLI's output ours: silences http-mitm-proxy's per-host debug lines and oidc-provider's runtime notice.
// Imported first by main.ts, because oidc-provider prints its notice when it is imported.

// http-mitm-proxy reports every new HTTPS host on console.debug.
console.debug = () => undefined;

// oidc-provider warns on import that it prefers Node 22; Node 20.19+ is supported here (see README).
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
  warn(...args);
};
