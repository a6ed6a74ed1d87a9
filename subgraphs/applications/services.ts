import { authConfig, instanceScopeConfig, peerConfig } from '../../common/config';
import { serviceTokens } from '../../common/auth/service-token';
import { createLogger } from '../../common/logger';
import { ShardMap, shardMapFile } from '../../common/shard-map';
import { PersonalDataCipher, loadPersonalDataKey } from '../kit/personal-data';
import { OfferingFactsClient } from './offering-facts';
import { ApplicationPeers } from './peers';

/** What the applications subgraph keeps for the life of its process. */
export interface ApplicationServices {
  offerings: OfferingFactsClient;
  peers: ApplicationPeers;
  cipher: PersonalDataCipher;
}

let services: ApplicationServices | undefined;

/** Where the offerings instances are: the shard map file (read again when it changes), or one URL. */
function shardMapOf(config: ReturnType<typeof peerConfig>): () => ShardMap {
  if (config.shardMapPath) return shardMapFile(config.shardMapPath);
  const url = config.subgraphUrls.offerings;
  if (!url) throw new Error('The applications subgraph needs SUBGRAPH_URL_OFFERINGS or SHARD_MAP to reach the offerings subgraph.');
  const map = ShardMap.single({ offerings: url });
  return () => map;
}

/** Made on first use, from config: the personal data key, the offerings client and its service token. */
export function applicationServices(): ApplicationServices {
  if (services) return services;
  const peer = peerConfig();
  const auth = authConfig();
  const shardMap = shardMapOf(peer);
  const serviceToken = serviceTokens({ keyPath: peer.serviceKeyPath, issuer: auth.issuer, audience: auth.audience, service: 'applications' });
  services = {
    cipher: new PersonalDataCipher(loadPersonalDataKey()),
    offerings: new OfferingFactsClient({
      shardMap,
      serviceToken,
      timeoutMs: peer.timeoutMs,
      ttlMs: peer.factsTtlMs,
      logger: createLogger('applications'),
    }),
    peers: new ApplicationPeers({
      shardMap: () => (peer.shardMapPath ? shardMap() : undefined),
      scope: instanceScopeConfig(),
      serviceToken,
      timeoutMs: peer.timeoutMs,
    }),
  };
  return services;
}
