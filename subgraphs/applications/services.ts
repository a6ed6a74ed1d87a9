import { authConfig, peerConfig } from '../../common/config';
import { serviceTokens } from '../../common/auth/service-token';
import { createLogger } from '../../common/logger';
import { ShardMap } from '../../common/shard-map';
import { PersonalDataCipher, loadPersonalDataKey } from '../kit/personal-data';
import { OfferingFactsClient } from './offering-facts';

/** What the applications subgraph keeps for the life of its process. */
export interface ApplicationServices {
  offerings: OfferingFactsClient;
  cipher: PersonalDataCipher;
}

let services: ApplicationServices | undefined;

function shardMapOf(config: ReturnType<typeof peerConfig>): () => ShardMap {
  let map: ShardMap | undefined;
  return () => {
    if (map) return map;
    if (config.shardMapPath) map = ShardMap.read(config.shardMapPath);
    else if (config.subgraphUrls.offerings) map = ShardMap.single({ offerings: config.subgraphUrls.offerings });
    else throw new Error('The applications subgraph needs SUBGRAPH_URL_OFFERINGS or SHARD_MAP to reach the offerings subgraph.');
    return map;
  };
}

/** Made on first use, from config: the personal data key, the offerings client and its service token. */
export function applicationServices(): ApplicationServices {
  if (services) return services;
  const peer = peerConfig();
  const auth = authConfig();
  services = {
    cipher: new PersonalDataCipher(loadPersonalDataKey()),
    offerings: new OfferingFactsClient({
      shardMap: shardMapOf(peer),
      serviceToken: serviceTokens({ keyPath: peer.serviceKeyPath, issuer: auth.issuer, audience: auth.audience, service: 'applications' }),
      timeoutMs: peer.timeoutMs,
      ttlMs: peer.factsTtlMs,
      logger: createLogger('applications'),
    }),
  };
  return services;
}
