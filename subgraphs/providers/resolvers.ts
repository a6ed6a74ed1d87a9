import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role, assertOwnMunicipality, assertOwnProvider } from '../kit/auth';
import { todayInSweden } from '../kit/dates';
import { SchoolForm } from '../kit/domain';
import { type Connection, connectionType } from '../kit/connection';
import { PageArgs, decodeCursor, encodeCursor, pageOf, pageSize } from '../kit/pagination';
import { mustExist } from '../kit/loaders';
import { SWEDISH, SqlParams, columnsOf } from '../kit/sql';
import { checkMaxItems, checkMunicipalityCodes, checkText } from '../kit/validate';
import type { Context } from './loaders';
import { Contract, Coordinates, Municipality, Provider, ProviderKind, Site } from './model';
import { PUBLIC_CATALOGUE } from '../kit/cache-control';
import { ReportResolver } from './reports';
import { ViewerResolver } from './viewer';

@InputType({ description: 'Narrows the provider list; all given conditions must hold.' })
export class ProviderFilter {
  @Field(() => [ID], {
    nullable: true,
    description: 'Providers with a contract in force with any of these municipalities.',
  })
  municipalities?: string[] | null;

  @Field(() => [SchoolForm], {
    nullable: true,
    description: 'Providers with a contract in force covering any of these school forms (with one of `municipalities`, when given).',
  })
  schoolForms?: SchoolForm[] | null;

  @Field(() => [ProviderKind], { nullable: true })
  kinds?: ProviderKind[] | null;
}

const ProviderConnection = connectionType('Provider', Provider, {
  cacheControl: PUBLIC_CATALOGUE,
  description: 'Providers ordered by name (Swedish collation), then id.',
});
type ProviderConnection = Connection<Provider>;

const CURSOR_TAG = 'provider-name';

function whereOf(filter: ProviderFilter | null | undefined, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter?.kinds?.length) where.push(`p.kind = ANY(${params.add(filter.kinds)})`);
  const m = filter?.municipalities?.length ? filter.municipalities : null;
  const sf = filter?.schoolForms?.length ? filter.schoolForms : null;
  if (m || sf) {
    const today = `${params.add(todayInSweden())}::date`;
    where.push(`EXISTS (SELECT 1 FROM contracts c WHERE c.provider_id = p.id
      AND c.valid_from <= ${today} AND (c.valid_to IS NULL OR c.valid_to >= ${today})
      ${m ? `AND c.municipality_code = ANY(${params.add(m)})` : ''}
      ${sf ? `AND c.school_forms && ${params.add(sf)}::text[]` : ''})`);
  }
  return where;
}

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => [Municipality], { description: 'The 26 municipalities of Stockholm county, by code.' })
  municipalities(@Ctx() ctx: Context): Promise<Municipality[]> {
    return ctx.db.dataSource.getRepository(Municipality).find({ order: { code: 'ASC' } });
  }

  @Query(() => Municipality, { nullable: true })
  municipality(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Municipality | null> {
    checkMunicipalityCodes([code], 'code');
    return ctx.loaders.municipality.load(code);
  }

  @Authorized(Role.OFFICER, Role.PROVIDER, Role.COORDINATOR)
  @FieldResolver(() => [Contract], {
    nullable: true,
    description:
      'The municipality’s contracts, in force or not. Officers of this municipality and admins see all of them; a provider user sees its own. Null, with an error, for anyone else.',
  })
  contracts(@Root() municipality: Municipality, @Ctx() ctx: Context): Promise<Contract[]> {
    assertOwnMunicipality(ctx.viewer, municipality.code);
    return ctx.loaders.contractsOfMunicipality.load(municipality.code);
  }
}

@Resolver(() => Provider)
export class ProviderResolver {
  @Query(() => Provider, { nullable: true })
  provider(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Provider | null> {
    checkText(id, 'id', 200);
    return ctx.loaders.provider.load(id);
  }

  @Query(() => ProviderConnection)
  async providers(
    @Arg('filter', () => ProviderFilter, { nullable: true }) filter: ProviderFilter | null,
    @Args() { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ProviderConnection> {
    const size = pageSize(first);
    checkMunicipalityCodes(filter?.municipalities, 'filter.municipalities');
    checkMaxItems(filter?.municipalities, 26, 'filter.municipalities');
    const ds = ctx.db.dataSource;

    const countParams = new SqlParams();
    const countWhere = whereOf(filter, countParams);
    const count = async () => {
      const sql = `SELECT count(*)::int AS n FROM providers p ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`;
      const rows: { n: number }[] = await ds.query(sql, countParams.values);
      return rows[0]?.n ?? 0;
    };

    const params = new SqlParams();
    const where = whereOf(filter, params);
    if (after) {
      const [name, id] = decodeCursor(after, CURSOR_TAG, ['string', 'string']);
      where.push(`(p.name ${SWEDISH}, p.id) > (${params.add(name)}::text ${SWEDISH}, ${params.add(id)}::text)`);
    }
    const sql = `SELECT ${columnsOf(ds, Provider, 'p')} FROM providers p
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.name ${SWEDISH}, p.id LIMIT ${params.add(size + 1)}`;
    const rows: Provider[] = await ds.query(sql, params.values);
    return ProviderConnection.of({ ...pageOf(rows, size, after, (p) => encodeCursor(CURSOR_TAG, [p.name, p.id])), count });
  }

  @FieldResolver(() => [Site])
  sites(@Root() provider: Provider, @Ctx() ctx: Context): Promise<Site[]> {
    return ctx.loaders.sitesOfProvider.load(provider.id);
  }

  @Authorized(Role.OFFICER, Role.PROVIDER, Role.COORDINATOR)
  @FieldResolver(() => [Contract], {
    nullable: true,
    description:
      'Contracts with municipalities, in force or not: for an officer only those with their municipality; for a provider user only their own provider’s. Null, with an error, for anyone else.',
  })
  contracts(@Root() provider: Provider, @Ctx() ctx: Context): Promise<Contract[]> {
    assertOwnProvider(ctx.viewer, provider.id);
    return ctx.loaders.contractsOfProvider.load(provider.id);
  }
}

@Resolver(() => Site)
export class SiteResolver {
  @FieldResolver(() => Municipality)
  async municipality(@Root() site: Site, @Ctx() ctx: Context): Promise<Municipality> {
    return mustExist(await ctx.loaders.municipality.load(site.municipalityCode), 'municipality', site.municipalityCode);
  }

  @FieldResolver(() => Provider)
  async provider(@Root() site: Site, @Ctx() ctx: Context): Promise<Provider> {
    return mustExist(await ctx.loaders.provider.load(site.providerId), 'provider', site.providerId);
  }

  @FieldResolver(() => Coordinates)
  coordinates(@Root() site: Site): Coordinates {
    return { latitude: site.latitude, longitude: site.longitude };
  }
}

@Resolver(() => Contract)
export class ContractResolver {
  @FieldResolver(() => Municipality)
  async municipality(@Root() contract: Contract, @Ctx() ctx: Context): Promise<Municipality> {
    return mustExist(
      await ctx.loaders.municipality.load(contract.municipalityCode),
      'municipality',
      contract.municipalityCode,
    );
  }

  @FieldResolver(() => Provider)
  async provider(@Root() contract: Contract, @Ctx() ctx: Context): Promise<Provider> {
    return mustExist(await ctx.loaders.provider.load(contract.providerId), 'provider', contract.providerId);
  }
}

export const RESOLVERS = [
  MunicipalityResolver,
  ProviderResolver,
  SiteResolver,
  ContractResolver,
  ViewerResolver,
  ReportResolver,
] as const;
