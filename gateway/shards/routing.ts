import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serviceTokens } from '../../common/auth/service-token';
import type { gatewayConfig } from '../../common/config';
import { suppressionConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { SubgraphEndpoint } from '../supergraph';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from '../context';
import { ShardRouter } from './router';
import { readShardRules } from './rules';
import { ShardStore } from './store';

type GatewayConfig = ReturnType<typeof gatewayConfig>;

/** Subgraphs whose committed SDL declares routing (`@shard`): the sharded ones. */
function shardedSubgraphs(schemaDir: string, endpoints: SubgraphEndpoint[]): string[] {
  return endpoints
    .map((e) => e.name)
    .filter((name) => {
      try {
        return readFileSync(join(schemaDir, `${name}.graphql`), 'utf8').includes('@shard(');
      } catch {
        return false;
      }
    });
}

/**
 * Shard routing for the gateway: the shard map (SHARD_MAP, reloaded on change or SIGHUP,
 * each instance checked against the region's contract) and, for every sharded subgraph,
 * a router in place of the one client a plain gateway has. With no shard map file each
 * subgraph has one instance and the routers pass every request through as it is.
 */
export async function startShardRouting(
  config: GatewayConfig,
  endpoints: SubgraphEndpoint[],
  logger: Logger,
  makeClient: (name: string, url: string) => GraphQLDataSource<GatewayContext>,
) {
  const schemaDir = dirname(config.supergraphPath);
  const sharded = shardedSubgraphs(schemaDir, endpoints);
  const rules = readShardRules(schemaDir, sharded);
  const store = new ShardStore({
    path: config.shardMapPath,
    base: Object.fromEntries(endpoints.filter((e) => sharded.includes(e.name)).map((e) => [e.name, e.url])),
    schemaDir,
    logger,
  });
  await store.start();
  const clients = new Map<string, GraphQLDataSource<GatewayContext>>();
  const client = (name: string) => (url: string) => {
    let c = clients.get(`${name} ${url}`);
    if (!c) clients.set(`${name} ${url}`, (c = makeClient(name, url)));
    return c;
  };
  const gatewayCredential = serviceTokens({
    keyPath: config.serviceKeyPath,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    service: 'gateway',
  });
  const minGroupSize = suppressionConfig().minGroupSize;
  return {
    store,
    router(name: string): ShardRouter | undefined {
      const r = rules.get(name);
      if (!r) return undefined;
      return new ShardRouter({
        subgraph: name,
        rules: r,
        snapshot: (context) => context?.shards ?? store.current(),
        client: client(name),
        gatewayCredential,
        minGroupSize,
      });
    },
  };
}
