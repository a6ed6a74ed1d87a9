import { ErrorCode, userError } from '../../common/errors';
import type { ShardMap } from '../../common/shard-map';
import type { InstanceScope } from '../kit/instance-scope';

export interface PeersOptions {
  shardMap: () => ShardMap | undefined;
  /** Which municipalities this instance holds, to tell itself apart from its peers. */
  scope: InstanceScope;
  serviceToken: () => Promise<string>;
  timeoutMs: number;
}

/**
 * The other instances of the applications subgraph: what one instance does that reaches
 * applications held elsewhere (an offering cancelled: every home municipality's
 * applications for it) it passes on to them with a service token.
 */
export class ApplicationPeers {
  constructor(private readonly opts: PeersOptions) {}

  private others(): { url: string; municipalities: string[] | null }[] {
    const map = this.opts.shardMap();
    if (!map?.has('applications')) return [];
    const mine = (m: string[] | null) => (this.opts.scope.only ? m?.includes(this.opts.scope.only) : m === null);
    return map.instances('applications').filter((i) => !mine(i.municipalities));
  }

  /** Cancels the offering's open applications on every other instance; how many. */
  async cancelElsewhere(offeringId: string, reason: string): Promise<number> {
    const results = await Promise.allSettled(
      this.others().map(async (peer) => {
        const res = await fetch(peer.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.opts.serviceToken()}` },
          body: JSON.stringify({
            query: 'mutation($o: ID!, $r: String!) { applyOfferingCancellation(offeringId: $o, reason: $r) }',
            variables: { o: offeringId, r: reason },
          }),
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        });
        const body = (await res.json()) as { data?: { applyOfferingCancellation?: number } };
        if (typeof body.data?.applyOfferingCancellation !== 'number') throw new Error(`HTTP ${res.status}`);
        return { peer, n: body.data.applyOfferingCancellation };
      }),
    );
    const missed = this.others().filter((_, i) => results[i]?.status === 'rejected');
    if (missed.length) {
      const municipalities = missed.flatMap((p) => p.municipalities ?? ['(the default instance)']);
      throw userError(
        ErrorCode.SHARD_UNAVAILABLE,
        'The offering is cancelled, but not every applications instance could be told; cancel it again to reach them (it is safe to repeat).',
        { municipalities },
      );
    }
    return results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.n : 0), 0);
  }
}
