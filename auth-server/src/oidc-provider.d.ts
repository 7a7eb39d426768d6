// Minimal ambient typing for oidc-provider, which ships no TypeScript declarations.
declare module 'oidc-provider' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Provider: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const errors: any;
  export default Provider;
}
