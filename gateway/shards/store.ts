import { existsSync, watch, type FSWatcher } from 'node:fs';
import { checkContract, fetchSdl } from '../../common/contract';
import type { Logger } from '../../common/logger';
import { MUNICIPALITY_CODES } from '../../common/region';
import { type Instance, ShardMap, type ShardMapFile } from '../../common/shard-map';

/** Whether the gateway routes to an instance, and if not, why. */
export type InstanceState = { status: 'ok' } | { status: 'refused' | 'unchecked'; reason: string };

/**
 * One shard map as a request sees it from start to end: the instances of each sharded
 * subgraph that passed the contract check (an instance that failed it, or could not be
 * asked, holds its municipalities' data out of every answer until it passes). Without a
 * shard map file the supergraph's own subgraphs are routed to as they are.
 */
export class ShardSnapshot {
  constructor(
    readonly map: ShardMap,
    private readonly states: ReadonlyMap<string, InstanceState>,
  ) {}

  /** Whether the instance at `url` (of `subgraph`) is routed to. */
  routable(subgraph: string, url: string): boolean {
    return this.states.get(`${subgraph} ${url}`)?.status === 'ok';
  }

  state(subgraph: string, url: string): InstanceState {
    return this.states.get(`${subgraph} ${url}`) ?? { status: 'unchecked', reason: 'not checked yet' };
  }

  instances(subgraph: string): Instance[] {
    return this.map.instances(subgraph);
  }

  /** The municipality codes an instance holds: its own, or for the default every one not listed. */
  municipalitiesOf(subgraph: string, instance: Instance): string[] {
    if (instance.municipalities) return instance.municipalities;
    const own = new Set(this.map.instances(subgraph).flatMap((i) => i.municipalities ?? []));
    return [...MUNICIPALITY_CODES].filter((c) => !own.has(c)).sort();
  }
}

export interface ShardStoreOptions {
  /** The shard map file; none: one instance per subgraph, at `base`. */
  path?: string;
  /** Each sharded subgraph's URL from the supergraph (or SUBGRAPH_URL_<NAME>). */
  base: Record<string, string>;
  schemaDir: string;
  logger: Logger;
  /** How often instances that are not routed to are asked again (ms). */
  recheckMs?: number;
}

/**
 * The gateway's shard map: read at start, read again when its file changes or on
 * SIGHUP, each instance checked against the region's contract before it is routed to.
 * A new map replaces the old one whole; requests in flight keep the snapshot they began with.
 */
export class ShardStore {
  private snapshot: ShardSnapshot;
  private readonly states = new Map<string, InstanceState>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(private readonly opts: ShardStoreOptions) {
    this.snapshot = new ShardSnapshot(this.read(), new Map(this.states));
  }

  current(): ShardSnapshot {
    return this.snapshot;
  }

  /** Checks every instance, then watches the file (and SIGHUP) and asks again instances not routed to. */
  async start(): Promise<void> {
    await this.check();
    if (this.opts.path && existsSync(this.opts.path)) {
      this.watcher = watch(this.opts.path, () => void this.reload('the shard map file changed'));
      this.watcher.unref();
    }
    process.on('SIGHUP', this.onSignal);
    this.timer = setInterval(() => void this.check(true), this.opts.recheckMs ?? 5000);
    this.timer.unref();
  }

  close(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    process.off('SIGHUP', this.onSignal);
  }

  private readonly onSignal = () => void this.reload('SIGHUP');

  /** Whether the current map came from the shard map file (its instances are checked). */
  private fromFile = false;

  private read(): ShardMap {
    this.fromFile = !!this.opts.path && existsSync(this.opts.path);
    if (this.fromFile && this.opts.path) {
      const named = ShardMap.read(this.opts.path).toJSON();
      // Sharded subgraphs only (a regional one has one instance, its supergraph URL);
      // those the file does not name keep their one instance.
      const file: ShardMapFile = {};
      for (const [name, url] of Object.entries(this.opts.base)) file[name] = named[name] ?? { default: url };
      return ShardMap.of(file, this.opts.path);
    }
    return ShardMap.single(this.opts.base);
  }

  /** Reads the map again; a map that does not parse leaves the current one in place. */
  async reload(why: string): Promise<void> {
    let map: ShardMap;
    try {
      map = this.read();
    } catch (err) {
      this.opts.logger.error({ err: (err as Error).message }, 'shard map not reloaded: it is not valid; the current one stays');
      return;
    }
    this.snapshot = new ShardSnapshot(map, new Map(this.states));
    this.opts.logger.info({ why, map: map.toJSON() }, 'shard map reloaded');
    await this.check();
  }

  /** Checks the instances of the current map (with `onlyFailing`, those not routed to). */
  private check(onlyFailing = false): Promise<void> {
    this.checking ??= this.checkAll(onlyFailing).finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(onlyFailing: boolean): Promise<void> {
    const map = this.snapshot.map;
    const jobs: Promise<void>[] = [];
    for (const subgraph of Object.keys(this.opts.base)) {
      for (const instance of map.instances(subgraph)) {
        const id = `${subgraph} ${instance.url}`;
        if (onlyFailing && this.states.get(id)?.status === 'ok') continue;
        jobs.push(this.checkOne(subgraph, instance.url).then((state) => this.record(id, state)));
      }
    }
    await Promise.all(jobs);
    this.snapshot = new ShardSnapshot(map, new Map(this.states));
  }

  private async checkOne(subgraph: string, url: string): Promise<InstanceState> {
    // Without a shard map the region has its own subgraphs only, as the supergraph names them.
    if (!this.fromFile) return { status: 'ok' };
    let sdl: string;
    try {
      sdl = await fetchSdl(url, 3000);
    } catch {
      return { status: 'unchecked', reason: 'did not answer { _service { sdl } }' };
    }
    const result = checkContract(this.opts.schemaDir, subgraph, sdl);
    return result.fits ? { status: 'ok' } : { status: 'refused', reason: `does not fit the region's contract: ${result.problems.join('; ')}` };
  }

  private record(id: string, state: InstanceState): void {
    const before = this.states.get(id);
    this.states.set(id, state);
    if (before?.status === state.status) return;
    if (state.status === 'ok') this.opts.logger.info({ instance: id }, 'instance fits the contract: routed to');
    else this.opts.logger.warn({ instance: id, reason: state.reason }, 'instance not routed to');
  }
}
