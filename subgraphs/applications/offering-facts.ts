import { GraphQLError } from 'graphql';
import { ErrorCode, isPublicCode, userError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { ShardMap } from '../../common/shard-map';
import type { SchoolForm } from '../kit/domain';
import type { OfferingFacts } from './rules';

/**
 * What this subgraph knows about offerings, it asks the offerings subgraph at the moment
 * it needs it: a small GraphQL client with a service token, routed by the offering id's
 * municipality to the instance that holds it (the shard map, as the gateway routes),
 * batching the ids asked for in one tick into one `_entities` request per instance,
 * keeping answers for a few seconds, and giving up after a timeout with
 * SERVICE_UNAVAILABLE. Seat reservations and cancellations are never cached or retried.
 */

const FACTS = `query OfferingFacts($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Offering {
      id schoolForm startDate endDate applicationOpens applicationCloses seats seatsLeft cancelled
      municipality { code } provider { id } course { code points }
    }
  }
}`;

interface FactsRow {
  id: string;
  schoolForm: SchoolForm;
  startDate: string;
  endDate: string;
  applicationOpens: string;
  applicationCloses: string;
  seats: number;
  seatsLeft: number;
  cancelled: boolean;
  municipality: { code: string };
  provider: { id: string };
  course: { code: string; points: number | null };
}

export interface OfferingFactsOptions {
  /** The current shard map (it may be reloaded between calls). */
  shardMap: () => ShardMap;
  serviceToken: () => Promise<string>;
  timeoutMs: number;
  ttlMs: number;
  logger: Logger;
}

const toFacts = (r: FactsRow): OfferingFacts => ({
  id: r.id,
  municipalityCode: r.municipality.code,
  providerId: r.provider.id,
  schoolForm: r.schoolForm,
  courseCode: r.course.code,
  coursePoints: r.course.points,
  startDate: r.startDate,
  endDate: r.endDate,
  applicationOpens: r.applicationOpens,
  applicationCloses: r.applicationCloses,
  seats: r.seats,
  seatsLeft: r.seatsLeft,
  cancelled: r.cancelled,
});

const OWNER = /^(\d{4})-/;

export class OfferingFactsClient {
  private readonly cache = new Map<string, { facts: Promise<OfferingFacts | null>; until: number }>();
  private queue: Map<string, { resolve: (f: OfferingFacts | null) => void; reject: (e: unknown) => void }[]> | undefined;

  constructor(private readonly opts: OfferingFactsOptions) {}

  /** An offering's facts, or null when no instance knows it. */
  load(id: string): Promise<OfferingFacts | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.facts;
    const facts = new Promise<OfferingFacts | null>((resolve, reject) => {
      if (!this.queue) {
        this.queue = new Map();
        setImmediate(() => void this.flush());
      }
      const waiting = this.queue.get(id) ?? [];
      waiting.push({ resolve, reject });
      this.queue.set(id, waiting);
    });
    this.cache.set(id, { facts, until: now + this.opts.ttlMs });
    // A failure is not kept: the next caller asks again.
    facts.catch(() => this.cache.delete(id));
    return facts;
  }

  /** Forgets what is known of an offering (after changing it). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** Holds a seat for an application: false when the offering is full. */
  async reserveSeat(offeringId: string, applicationId: string): Promise<boolean> {
    const data = await this.mutate<{ reserveSeat: { reserved: boolean } }>(
      offeringId,
      'mutation Reserve($o: ID!, $a: ID!) { reserveSeat(offeringId: $o, applicationId: $a) { reserved seatsLeft } }',
      { o: offeringId, a: applicationId },
    );
    this.forget(offeringId);
    return data.reserveSeat.reserved;
  }

  async releaseSeat(offeringId: string, applicationId: string): Promise<void> {
    await this.mutate(offeringId, 'mutation Release($o: ID!, $a: ID!) { releaseSeat(offeringId: $o, applicationId: $a) }', {
      o: offeringId,
      a: applicationId,
    });
    this.forget(offeringId);
  }

  async recordCancellation(offeringId: string, reason: string): Promise<void> {
    await this.mutate(
      offeringId,
      'mutation Cancel($o: ID!, $r: String!) { recordOfferingCancellation(offeringId: $o, reason: $r) { id } }',
      { o: offeringId, r: reason },
    );
    this.forget(offeringId);
  }

  private async flush(): Promise<void> {
    const queue = this.queue ?? new Map();
    this.queue = undefined;
    const byInstance = new Map<string, string[]>();
    for (const id of queue.keys()) {
      const owner = OWNER.exec(id)?.[1];
      if (!owner) {
        for (const w of queue.get(id) ?? []) w.resolve(null);
        continue;
      }
      const url = this.opts.shardMap().urlFor('offerings', owner);
      byInstance.set(url, [...(byInstance.get(url) ?? []), id]);
    }
    await Promise.all(
      [...byInstance].map(async ([url, ids]) => {
        try {
          const data = await this.post<{ _entities: (FactsRow | null)[] }>(url, FACTS, {
            representations: ids.map((id) => ({ __typename: 'Offering', id })),
          }, true);
          ids.forEach((id, i) => {
            const row = data._entities[i];
            for (const w of queue.get(id) ?? []) w.resolve(row ? toFacts(row) : null);
          });
        } catch (err) {
          for (const id of ids) for (const w of queue.get(id) ?? []) w.reject(err);
        }
      }),
    );
  }

  private async mutate<T>(offeringId: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const owner = OWNER.exec(offeringId)?.[1];
    if (!owner) throw userError(ErrorCode.NOT_FOUND, `No offering has id "${offeringId}".`);
    return this.post<T>(this.opts.shardMap().urlFor('offerings', owner), query, variables, false);
  }

  /**
   * One request to an offerings instance. `partialOk`: a query whose `data` came back keeps
   * it even with errors beside it (a representation that names nothing is just null).
   */
  private async post<T>(url: string, query: string, variables: Record<string, unknown>, partialOk: boolean): Promise<T> {
    let body: { data?: T | null; errors?: { message?: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.opts.serviceToken()}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      body = (await res.json()) as typeof body;
      if (res.status >= 500 || (!body.data && !body.errors)) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      this.opts.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'offerings service call failed');
      throw unavailable();
    }
    const refusal = body.errors?.find((e) => isPublicCode(e.extensions?.code));
    if (body.data && (partialOk || !body.errors?.length)) return body.data;
    if (refusal?.message && refusal.extensions?.code !== ErrorCode.UNAUTHENTICATED) {
      throw new GraphQLError(refusal.message, { extensions: { code: refusal.extensions?.code } });
    }
    this.opts.logger.error({ errors: body.errors?.map((e) => e.extensions?.code) }, 'offerings service refused a service call');
    throw unavailable();
  }
}

const unavailable = () =>
  userError(ErrorCode.SERVICE_UNAVAILABLE, 'The offerings service did not answer in time; try again shortly.', {
    serviceName: 'offerings',
  });
