// Inspector benchmark in headless Chromium: time to open a 10,000-exchange HAR (list and lesson mode), and frame times while 500 exchanges/s arrive with lesson mode open.
import { launchChromium } from '../../e2e/support/chromium.ts';
import { ensureBuilt, serveDist } from '../testing/serve-dist.ts';
import { bigSession, harOf } from '../testing/sample-flow.ts';
import type { Exchange } from '@oauth-inspector/core';
import { attachFeed } from '../../proxy/src/feed/feed-server.ts';

const COUNT = 10_000;
const RATE = 500;
const SECONDS = 6;
const TOKEN = 'bench-token';

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

ensureBuilt();
const har = JSON.stringify(harOf(bigSession(COUNT)));
const server = await serveDist({ '/bench/big.har': har });
const feed = attachFeed(server.server, {
  token: TOKEN,
  allowedOrigins: [server.url],
  source: {
    session: () => ({ id: 'bench', name: 'bench', startedDateTime: new Date().toISOString() }),
    history: async () => [],
  },
});
const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
try {
  /** Opens the big HAR in a fresh page on one view: parse baseline, list (or lesson) on screen, analysis done. */
  const openIn = async (hash: string) => {
    const page = await browser.context.newPage();
    // tsx keeps function names with a __name helper that the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${server.url}/${hash}`);
    await page.waitForFunction('"__inspector" in window');
    const result = await page.evaluate(async () => {
      type Hook = { load(text: string, name: string): boolean; idle(): Promise<void> };
      const hook = (window as unknown as { __inspector: Hook }).__inspector;
      const text = await (await fetch('/bench/big.har')).text();
      // Baseline: the least any viewer must do, parse the JSON.
      const p0 = performance.now();
      JSON.parse(text);
      const parseMs = performance.now() - p0;
      const t0 = performance.now();
      hook.load(text, 'big.har');
      const loadMs = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const shownMs = performance.now() - t0;
      await hook.idle();
      const openMs = performance.now() - t0;
      return { parseMs, loadMs, shownMs, openMs, bytes: text.length };
    });
    await page.close();
    return result;
  };
  const open = await openIn('#view=exchanges');
  const lesson = await openIn('');

  // Live: the proxy's real feed server on the page's own server, the inspector's real WebSocket client, and every
  // exchange sent the way the proxy sends it (exchange-started, then exchange-completed), with one exchange open in
  // the detail view, while the page measures its frames.
  const template = bigSession(200);
  const livePage = await browser.context.newPage();
  await livePage.addInitScript('window.__name = (f) => f');
  await livePage.goto(`${server.url}/?token=${TOKEN}`);
  await livePage.waitForFunction(() => '__inspector' in window);
  await livePage.locator('[data-testid=connection-state][data-state=open]').waitFor();
  let seq = 0;
  const numbered = (exchange: Exchange): Exchange => ({ ...exchange, _id: `live-${seq}`, _seq: seq++ });
  // A first handful, so there is an exchange to open in the detail view.
  for (const e of template.slice(0, 20).map(numbered)) feed.broadcast({ type: 'exchange-completed', exchange: e });
  // Lesson mode open (the default view), on the step whose message arrives first.
  await livePage.locator('[data-testid=lesson-mode]').waitFor();
  const framesDone = livePage.evaluate(
    async ({ seconds }) => {
      const measure = (durationMs: number) =>
        new Promise<number[]>((resolve) => {
          const deltas: number[] = [];
          const start = performance.now();
          let last = start;
          const frame = (now: number) => {
            deltas.push(now - last);
            last = now;
            if (now - start < durationMs) requestAnimationFrame(frame);
            else resolve(deltas.slice(1));
          };
          requestAnimationFrame(frame);
        });
      const idle = await measure(2000);
      (window as unknown as { __benchLive: boolean }).__benchLive = true;
      const busy = await measure(seconds * 1000);
      return { idle, live: busy };
    },
    { seconds: SECONDS },
  );
  // Awaited below; a failure elsewhere in the meantime must report itself, not this promise's closed page.
  framesDone.catch(() => undefined);
  await livePage.waitForFunction(() => (window as unknown as { __benchLive?: boolean }).__benchLive === true);
  let sent = 0;
  const began = performance.now();
  const inFlight: Exchange[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - began;
      // Catch up on the schedule, so the rate holds even when a timer fires late; each completes one tick later.
      for (const e of inFlight.splice(0)) feed.broadcast({ type: 'exchange-completed', exchange: e });
      if (elapsed >= SECONDS * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed / 1000) * RATE) - sent;
      for (let i = 0; i < due; i++) {
        const e = numbered(template[seq % template.length]!);
        feed.broadcast({
          type: 'exchange-started',
          exchange: {
            ...e,
            _state: 'pending',
            response: { ...e.response, status: 0, content: { size: 0, mimeType: '' } },
          },
        });
        inFlight.push(e);
      }
      sent += due;
    }, 20);
  });
  const measured = await framesDone;
  type Hook = { idle(): Promise<void>; store: { getState(): { exchanges: readonly unknown[] } } };
  await livePage.evaluate(() => (window as unknown as { __inspector: Hook }).__inspector.idle());
  const shown =
    (await livePage.evaluate(
      () => (window as unknown as { __inspector: Hook }).__inspector.store.getState().exchanges.length,
    )) - 20;
  const frames = { ...measured, sent, shown, dropped: feed.droppedClients };

  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0, count: sorted.length };
  };
  const idle = stats(frames.idle);
  const live = stats(frames.live);
  console.log(`inspector bench (headless Chromium, ${COUNT} exchanges, ${(open.bytes / 1e6).toFixed(1)} MB HAR)`);
  const goal = (value: number, limit: number) => `${ms(value)} (goal < ${limit} ms${value < limit ? '' : ', MISSED'})`;
  console.log(
    `  exchange list of 10,000 on screen: ${goal(open.shownMs, 300)}; fully analyzed: ${goal(open.openMs, 800)}`,
  );
  console.log(
    `  lesson mode open, same file: on screen ${goal(lesson.shownMs, 300)}; fully analyzed: ${goal(lesson.openMs, 800)}`,
  );
  console.log(`    of which: import + store ${ms(open.loadMs)}, the rest of "analyzed" is analysis in the worker`);
  console.log(
    `  baseline JSON.parse of the same file:     ${ms(open.parseMs)}  → ratio ${(open.openMs / open.parseMs).toFixed(1)}×`,
  );
  console.log(
    `  live ${RATE} exchanges/s for ${SECONDS} s through the feed (started + completed each, lesson mode open): ${frames.sent} sent, ${frames.shown} shown, ${live.count} frames, ${frames.dropped} feed clients dropped`,
  );
  console.log(
    `    frame time median ${ms(live.median)}, p95 ${ms(live.p95)}, max ${ms(live.max)} (goal: no frame over 50 ms${live.max <= 50 ? '' : ', MISSED'})`,
  );
  console.log(
    `    baseline idle frames: median ${ms(idle.median)}, p95 ${ms(idle.p95)}, max ${ms(idle.max)} → p95 ratio ${(live.p95 / Math.max(0.1, idle.p95)).toFixed(1)}×`,
  );
  const ok = open.shownMs < 300 && open.openMs < 800 && lesson.openMs < 800 && live.max <= 50;
  console.log(ok ? '  goals met' : '  GOALS MISSED');
} finally {
  await feed.close();
  await browser.close();
  await server.close();
}
