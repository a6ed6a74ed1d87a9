import type { IncomingMessage, ServerResponse } from 'node:http';
import { Gauge } from 'prom-client';
import type { RunningServer } from '../http';
import { metricGroup } from './metrics';

/** The responses each tracked server is working on. */
const servers = new Set<Set<ServerResponse>>();

const inFlightMetrics = metricGroup(
  (register) =>
    new Gauge({
      name: 'vuxhub_http_requests_in_flight',
      help: 'HTTP requests being answered right now (they are let finish on shutdown)',
      registers: [register],
      collect() {
        let n = 0;
        for (const responses of servers) n += responses.size;
        this.set(n);
      },
    }),
);

/**
 * Tracks the requests a server is answering (the `vuxhub_http_requests_in_flight` gauge
 * when `metrics`) and makes its close() drain keep-alive connections.
 *
 * Why: Node's `server.close()` stops accepting and closes the connections idle at that
 * moment, but a keep-alive connection whose request is still running stays open after
 * its response until the client drops it or the shutdown timeout closes it by force, so
 * a SIGTERM during a request used to hold the process for SHUTDOWN_TIMEOUT_MS. Here,
 * once close() has begun, every response still to be sent says `Connection: close`
 * (the client will not reuse the connection, and Node closes it after the response),
 * and a connection left idle by a response already under way is closed when it ends.
 */
export function trackRequests(running: RunningServer, opts: { metrics: boolean }): RunningServer {
  const { server } = running;
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const lastOnItsConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) lastOnItsConnection(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  if (opts.metrics) {
    inFlightMetrics();
    servers.add(inFlight);
  }
  return {
    ...running,
    close() {
      draining = true;
      for (const res of inFlight) lastOnItsConnection(res);
      return running.close();
    },
  };
}
