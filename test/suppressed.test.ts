import 'reflect-metadata';
import pino from 'pino';
import { Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { ANONYMOUS } from '../common/auth/roles';
import { queryLimitsConfig, suppressionConfig } from '../common/config';
import { PUBLIC_CATALOGUE } from '../subgraphs/kit/cache-control';
import { buildFederatedSchema } from '../subgraphs/kit/federation';
import { CacheTags } from '../subgraphs/kit/cache-tags';
import { createSubgraphApollo } from '../subgraphs/kit/server';
import {
  SuppressedCount,
  SuppressedMean,
  SuppressedRate,
  suppressedCount,
  suppressedMean,
  suppressedRate,
} from '../subgraphs/kit/suppressed';

const HIDDEN = { value: null, suppressed: true };
const shown = (value: number | null) => ({ value, suppressed: false });

describe('with the minimum group size 5', () => {
  it('hides counts of 1 to 4, shows 0 and 5 or more', () => {
    expect(suppressedCount(4, 5)).toEqual(HIDDEN);
    expect(suppressedCount(1, 5)).toEqual(HIDDEN);
    expect(suppressedCount(5, 5)).toEqual(shown(5));
    expect(suppressedCount(0, 5)).toEqual(shown(0));
    expect(suppressedCount(1234, 5)).toEqual(shown(1234));
  });

  it('hides a rate by the size of its group, not of its part', () => {
    expect(suppressedRate(1, 4, 5)).toEqual(HIDDEN);
    expect(suppressedRate(4, 4, 5)).toEqual(HIDDEN);
    expect(suppressedRate(1, 5, 5)).toEqual(shown(0.2));
    expect(suppressedRate(0, 5, 5)).toEqual(shown(0));
    expect(suppressedRate(5, 5, 5)).toEqual(shown(1));
    expect(suppressedRate(0, 0, 5)).toEqual(shown(null));
  });

  it('hides a mean by the number of people it is over', () => {
    expect(suppressedMean(3.5, 4, 5)).toEqual(HIDDEN);
    expect(suppressedMean(3.5, 5, 5)).toEqual(shown(3.5));
    expect(suppressedMean(null, 0, 5)).toEqual(shown(null));
  });

  it('refuses figures that cannot be', () => {
    expect(() => suppressedCount(-1, 5)).toThrow('whole number');
    expect(() => suppressedCount(2.5, 5)).toThrow('whole number');
    expect(() => suppressedRate(6, 5, 5)).toThrow('cannot exceed');
    expect(() => suppressedMean(null, 5, 5)).toThrow('finite number');
  });
});

describe('MIN_GROUP_SIZE', () => {
  it('is 5 by default, at least 1', () => {
    expect(suppressionConfig({}).minGroupSize).toBe(5);
    expect(suppressionConfig({ MIN_GROUP_SIZE: '1' }).minGroupSize).toBe(1);
    expect(() => suppressionConfig({ MIN_GROUP_SIZE: '0' })).toThrow('MIN_GROUP_SIZE must be an integer >= 1');
    expect(() => suppressionConfig({ MIN_GROUP_SIZE: 'five' })).toThrow('MIN_GROUP_SIZE must be an integer >= 1');
  });

  it('set to 10, hides up to 9 and shows 10', () => {
    const min = suppressionConfig({ MIN_GROUP_SIZE: '10' }).minGroupSize;
    expect(suppressedCount(9, min)).toEqual(HIDDEN);
    expect(suppressedCount(10, min)).toEqual(shown(10));
    expect(suppressedRate(3, 9, min)).toEqual(HIDDEN);
    expect(suppressedMean(4.2, 10, min)).toEqual(shown(4.2));
  });

  it('is what the builders use unless told', () => {
    const before = process.env.MIN_GROUP_SIZE;
    try {
      delete process.env.MIN_GROUP_SIZE;
      expect(suppressedCount(5)).toEqual(shown(5));
      process.env.MIN_GROUP_SIZE = '10';
      expect(suppressedCount(5)).toEqual(HIDDEN);
      expect(suppressedRate(5, 9)).toEqual(HIDDEN);
      expect(suppressedMean(3, 9)).toEqual(HIDDEN);
      expect(suppressedCount(10)).toEqual(shown(10));
    } finally {
      if (before === undefined) delete process.env.MIN_GROUP_SIZE;
      else process.env.MIN_GROUP_SIZE = before;
    }
  });
});

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class SurveyStatistics {
  @Field(() => SuppressedCount)
  respondents!: SuppressedCount;

  @Field(() => SuppressedRate)
  satisfied!: SuppressedRate;

  @Field(() => SuppressedMean)
  meanScore!: SuppressedMean;
}

@Resolver()
class StatisticsResolver {
  @Query(() => [SurveyStatistics])
  statistics(): SurveyStatistics[] {
    return [
      { respondents: suppressedCount(3, 5), satisfied: suppressedRate(2, 3, 5), meanScore: suppressedMean(4.5, 3, 5) },
      { respondents: suppressedCount(8, 5), satisfied: suppressedRate(6, 8, 5), meanScore: suppressedMean(4.25, 8, 5) },
    ];
  }
}

it('answers through a subgraph, as cacheable as the figures’ parent', async () => {
  const schema = buildFederatedSchema({ resolvers: [StatisticsResolver] });
  const apollo = createSubgraphApollo(schema, pino({ level: 'silent' }), queryLimitsConfig({}));
  await apollo.start();
  try {
    const response = await apollo.executeOperation(
      { query: '{ statistics { respondents { value suppressed } satisfied { value suppressed } meanScore { value suppressed } } }' },
      { contextValue: { requestId: 'test', viewer: ANONYMOUS, logger: pino({ level: 'silent' }), db: undefined as never, loaders: {}, rawAggregates: false, cacheTags: new CacheTags('test') } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({
      statistics: [
        { respondents: HIDDEN, satisfied: HIDDEN, meanScore: HIDDEN },
        { respondents: shown(8), satisfied: shown(0.75), meanScore: shown(4.25) },
      ],
    });
    // Without inheritMaxAge, a field of an object type with no hint makes the answer uncacheable.
    expect(response.http.headers.get('cache-control')).toBe('max-age=60, public');
  } finally {
    await apollo.stop();
  }
});
