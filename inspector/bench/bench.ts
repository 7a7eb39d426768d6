// Inspector benchmark in headless Chromium: time to open a 10,000-exchange HAR, and frame times while 500 exchanges/s arrive.
import { launchChromium } from '../../e2e/support/chromium.ts';
import { ensureBuilt, serveDist } from '../testing/serve-dist.ts';
import { bigSession, harOf } from '../testing/sample-flow.ts';

const COUNT = 10_000;
const RATE = 500;
const SECONDS = 6;

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

ensureBuilt();
const har = JSON.stringify(harOf(bigSession(COUNT)));
const server = await serveDist({ '/bench/big.har': har });
const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
try {
  const page = await browser.context.newPage();
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${server.url}/`);
  await page.waitForFunction('"__inspector" in window');

  const open = await page.evaluate(async () => {
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

  const frames = await page.evaluate(async ({ rate, seconds }) => {
    type Hook = { store: { getState(): { exchanges: readonly { _id: string; _seq: number }[] }; dispatch(action: unknown): void }; ingest(list: unknown[]): void; idle(): Promise<void> };
    const hook = (window as unknown as { __inspector: Hook }).__inspector;
    const template = hook.store.getState().exchanges.slice(0, 200);
    const measure = (durationMs: number, onTick?: (elapsed: number) => void) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        const start = performance.now();
        let last = start;
        const frame = (now: number) => {
          deltas.push(now - last);
          last = now;
          onTick?.(now - start);
          if (now - start < durationMs) requestAnimationFrame(frame);
          else resolve(deltas.slice(1));
        };
        requestAnimationFrame(frame);
      });
    // Start a fresh live session, as the feed's hello would.
    hook.store.dispatch({ type: 'feed', message: { type: 'hello', protocol: 1, session: { id: 'bench', name: 'bench', startedDateTime: new Date().toISOString() } } });
    hook.store.dispatch({ type: 'feed', message: { type: 'session-reset', session: { id: 'bench', name: 'bench', startedDateTime: new Date().toISOString() } } });
    await hook.idle();
    const idle = await measure(2000);
    let sent = 0;
    let seq = 0;
    const began = performance.now();
    const timer = setInterval(() => {
      const batch = [];
      // Catch up on the schedule, so the rate holds even when a timer fires late.
      const due = Math.floor(((performance.now() - began) / 1000) * rate) - sent;
      for (let i = 0; i < due; i++) {
        const base = template[seq % template.length]!;
        batch.push({ ...base, _id: `live-${seq}`, _seq: seq });
        seq++;
      }
      sent += batch.length;
      hook.ingest(batch);
    }, 20);
    const live = await measure(seconds * 1000);
    clearInterval(timer);
    await hook.idle();
    const shown = hook.store.getState().exchanges.length;
    return { idle, live, sent, shown };
  }, { rate: RATE, seconds: SECONDS });

  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0, count: sorted.length };
  };
  const idle = stats(frames.idle);
  const live = stats(frames.live);
  console.log(`inspector bench (headless Chromium, ${COUNT} exchanges, ${(open.bytes / 1e6).toFixed(1)} MB HAR)`);
  console.log(`  open + analyze + render 10,000 exchanges: ${ms(open.openMs)} (goal < 2000 ms)`);
  console.log(`    of which: import + store ${ms(open.loadMs)}, list on screen after ${ms(open.shownMs)}, the rest is analysis in the worker`);
  console.log(`  baseline JSON.parse of the same file:     ${ms(open.parseMs)}  → ratio ${(open.openMs / open.parseMs).toFixed(1)}×`);
  console.log(`  live ${RATE} exchanges/s for ${SECONDS} s: ${frames.sent} sent, ${frames.shown} shown, ${live.count} frames`);
  console.log(`    frame time median ${ms(live.median)}, p95 ${ms(live.p95)}, max ${ms(live.max)} (goal: no frame over 100 ms)`);
  console.log(`    baseline idle frames: median ${ms(idle.median)}, p95 ${ms(idle.p95)}, max ${ms(idle.max)} → p95 ratio ${(live.p95 / Math.max(0.1, idle.p95)).toFixed(1)}×`);
  const ok = open.openMs < 2000 && live.max <= 100;
  console.log(ok ? '  goals met' : '  GOALS MISSED');
} finally {
  await browser.close();
  await server.close();
}
