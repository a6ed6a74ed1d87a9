import { gatewayConfig } from '../common/config';
import { closeOnSignals, exitOnFailure, surviveUnhandledRejections } from '../common/lifecycle';
import { createLogger } from '../common/logger';
import { startGateway } from './server';

const logger = createLogger('gateway');
surviveUnhandledRejections(logger);

startGateway(gatewayConfig(), logger)
  .then((running) => {
    logger.info({ url: running.url }, 'gateway ready');
    closeOnSignals(logger, [running.close]);
  })
  .catch(exitOnFailure(logger, 'gateway'));
