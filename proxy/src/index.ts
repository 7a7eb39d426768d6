// The proxy workspace's public API: start the stack or its pieces, and the browser flags the e2e tests reuse.
export { startStack, gatewayOrigins, type Stack, type StackOptions } from './stack.ts';
export {
  startCaptureProxy,
  type CaptureProxy,
  type CaptureProxyOptions,
  type CaptureEvent,
  type GatewayRoute,
} from './capture/capture-proxy.ts';
export { openLocalCa, type LocalCa } from './ca/local-ca.ts';
export { startInspectorServer, INSPECTOR_CSP, type InspectorServer } from './inspector-server/inspector-server.ts';
export { attachFeed, type Feed, type FeedServerOptions } from './feed/feed-server.ts';
export { LiveSession } from './session/live-session.ts';
export { listSessions, exportSession, deleteSession, createSession, renameSession } from './session/session-store.ts';
export { proxyBrowserFlags, browserLaunchArgs, findBrowser } from './cli/browser-flags.ts';
export { runEnvironment } from './cli/run-env.ts';
export { inspectorPaths } from './paths.ts';
