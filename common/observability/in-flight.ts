import { Gauge } from 'prom-client';
import type { RunningServer } from '../http';
import { metricGroup } from './metrics';

/** The servers of this process whose requests in flight the gauge reports. */
const servers = new Set<RunningServer>();

const inFlightMetrics = metricGroup(
  (register) =>
    new Gauge({
      name: 'vuxhub_http_requests_in_flight',
      help: 'HTTP requests being answered right now (they are let finish on shutdown)',
      registers: [register],
      collect() {
        let n = 0;
        for (const running of servers) n += running.inFlight();
        this.set(n);
      },
    }),
);

/** Reports a server's requests in flight in the `vuxhub_http_requests_in_flight` gauge. */
export function reportInFlight(running: RunningServer): RunningServer {
  inFlightMetrics();
  servers.add(running);
  return running;
}
