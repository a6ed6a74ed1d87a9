import autocannon = require('autocannon');

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Transport errors (timeouts among them), non-2xx answers and answers with GraphQL errors. */
  errors: number;
  requests: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/**
 * Drives one URL with one POSTed operation over `connections`, for some seconds or for a
 * number of requests; latency percentiles from every response.
 */
export function drive(
  url: string,
  body: string,
  connections: number,
  length: { seconds: number } | { requests: number },
): Promise<LoadResult> {
  const times: number[] = [];
  let graphqlErrors = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        // autocannon ends at its next sample tick (1 s by default): a fixed number of requests
        // ends soon after the last answer instead.
        ...('requests' in length ? { amount: length.requests, sampleInt: 50 } : { duration: length.seconds }),
        timeout: 10,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
            body,
            onResponse: (status, text) => {
              if (status === 200 && text.includes('"errors"')) graphqlErrors++;
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const sorted = Float64Array.from(times).sort();
        resolve({
          requestsPerSecond: result.requests.total / result.duration,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          // autocannon's errors include its timeouts.
          errors: result.errors + result.non2xx + graphqlErrors,
          requests: result.requests.total,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
}

/** The median of several rounds, per measure. */
export function median(rounds: LoadResult[]): LoadResult {
  const mid = <K extends keyof LoadResult>(key: K) => {
    const values = rounds.map((r) => r[key]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  return {
    requestsPerSecond: mid('requestsPerSecond'),
    p50: mid('p50'),
    p95: mid('p95'),
    p99: mid('p99'),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    requests: rounds.reduce((n, r) => n + r.requests, 0),
  };
}
