import { gatewayConfig, keepVendorTelemetryOff } from '../common/config';
import { closeOnSignals, exitOnFailure, surviveUnhandledRejections } from '../common/lifecycle';
import { createLogger } from '../common/logger';
import { startTracing } from '../common/observability/tracing';
import { startGateway } from './server';

keepVendorTelemetryOff();
const logger = createLogger('gateway');
surviveUnhandledRejections(logger);

(async () => {
  // First, before the gateway and its clients are made (OTEL_* variables; off without them).
  const tracing = startTracing('gateway', logger);
  const running = await startGateway(gatewayConfig(), logger);
  logger.info({ url: running.url }, 'gateway ready');
  // Stop accepting and let requests in flight finish, then send the last spans.
  closeOnSignals(logger, [running.close, tracing.shutdown]);
})().catch(exitOnFailure(logger, 'gateway'));
