import { readFileSync, watch } from 'node:fs';

/**
 * Waits on events that nothing announces to a test: a file growing, requests reaching a
 * server. None has a deadline of its own: jest's timeout bounds them.
 */

/** Resolves with the file's text once `ready(text)` holds, checked now and whenever the file changes. */
export function waitForFile(path: string, ready: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const watcher = watch(path);
    const check = () => {
      const text = readFileSync(path, 'utf8');
      if (!ready(text)) return;
      watcher.close();
      resolve(text);
    };
    watcher.on('change', check);
    watcher.on('error', (err) => {
      watcher.close();
      reject(err);
    });
    check();
  });
}

/** A sample's value in a server's /metrics, `name` or `name{label="value"}` as Prometheus writes it; 0 when absent. */
export async function metric(base: string, sample: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

/**
 * Asks the server's /metrics again as soon as it answers, until `sample` is at least `n`
 * or `stop()` says waiting is pointless; the last value seen.
 */
export async function untilMetric(base: string, sample: string, n: number, stop: () => boolean = () => false): Promise<number> {
  let seen = await metric(base, sample);
  while (seen < n && !stop()) seen = await metric(base, sample);
  return seen;
}

/** Waits until a gateway or subgraph has at least `n` requests in flight (or `stop()`); the last count. */
export async function untilInFlight(base: string, n: number, stop: () => boolean = () => false): Promise<number> {
  // The gauge counts the scrape that reads it.
  return (await untilMetric(base, 'vuxhub_http_requests_in_flight', n + 1, stop)) - 1;
}
