import cluster from 'node:cluster';
import { gatewayConfig, keepVendorTelemetryOff } from '../common/config';
import { closeOnSignals, exitOnFailure, surviveUnhandledRejections } from '../common/lifecycle';
import { createLogger } from '../common/logger';
import { startTracing } from '../common/observability/tracing';
import { startGateway } from './server';
import { runWorkers } from './workers';

keepVendorTelemetryOff();
const logger = createLogger('gateway');
surviveUnhandledRejections(logger);

(async () => {
  const config = gatewayConfig();
  if (config.workers > 1 && cluster.isPrimary) return runWorkers(config.workers, logger, config.shutdownTimeoutMs);
  // First, before the gateway and its clients are made (OTEL_* variables; off without them).
  const tracing = startTracing('gateway', logger);
  const running = await startGateway(config, logger);
  logger.info({ url: running.url }, 'gateway ready');
  // Stop accepting and let requests in flight finish, then send the last spans.
  closeOnSignals(logger, [running.close, tracing.shutdown]);
})().catch(exitOnFailure(logger, 'gateway'));
