import { Arg, Authorized, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Role, assertOwnMunicipality } from '../kit/auth';
import { todayInSweden } from '../kit/dates';
import { mustExist } from '../kit/loaders';
import { checkMaxItems, checkMunicipalityCodes } from '../kit/validate';
import type { Context } from './loaders';
import { PRIVATE } from '../kit/cache-control';
import { Municipality, ProcurementModel, Provider } from './model';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a bearer token lets its holder see; without a token, ANONYMOUS.',
});

@Directive(PRIVATE)
@ObjectType({ description: 'Who the request speaks for, as its verified bearer token says.' })
class Viewer {
  @Field(() => Role)
  role!: Role;

  @Field(() => Municipality, { nullable: true, description: 'An officer’s municipality.' })
  municipality!: Municipality | null;

  @Field(() => Provider, { nullable: true, description: 'A provider user’s provider.' })
  provider!: Provider | null;
}

@Directive(PRIVATE)
@ObjectType({ description: 'Contracts in force today of one municipality and procurement model.' })
class ContractStatistic {
  @Field(() => Municipality)
  municipality!: Municipality;

  @Field(() => ProcurementModel)
  procurementModel!: ProcurementModel;

  @Field(() => Int)
  contracts!: number;

  @Field(() => Int, { description: 'Distinct providers holding these contracts.' })
  providers!: number;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who you are to the hub: your role and scope.' })
  async viewer(@Ctx() ctx: Context): Promise<Viewer> {
    const { role, municipality, provider } = ctx.viewer;
    return {
      role,
      municipality: municipality ? await ctx.loaders.municipality.load(municipality) : null,
      provider: provider ? await ctx.loaders.provider.load(provider) : null,
    };
  }

  @Authorized(Role.STATISTICIAN, Role.OFFICER, Role.COORDINATOR)
  @Query(() => [ContractStatistic], {
    description:
      'Contracts in force today per municipality and procurement model, for statisticians (all municipalities) and officers (their own).',
  })
  async contractStatistics(
    @Arg('municipalities', () => [ID], { nullable: true, description: 'Only these municipalities; all when absent.' })
    municipalities: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<ContractStatistic[]> {
    checkMunicipalityCodes(municipalities, 'municipalities');
    checkMaxItems(municipalities, 26, 'municipalities');
    let codes = municipalities?.length ? municipalities : null;
    if (ctx.viewer.role === Role.OFFICER) {
      for (const code of codes ?? []) assertOwnMunicipality(ctx.viewer, code);
      codes = [ctx.viewer.municipality!];
    }
    const rows: { code: string; model: ProcurementModel; contracts: number; providers: number }[] =
      await ctx.db.dataSource.query(
        `SELECT municipality_code AS code, procurement_model AS model,
                count(*)::int AS contracts, count(DISTINCT provider_id)::int AS providers
           FROM contracts
          WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)
            AND ($2::text[] IS NULL OR municipality_code = ANY($2::text[]))
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [todayInSweden(), codes],
      );
    const found = await ctx.loaders.municipality.loadMany(rows.map((r) => r.code));
    return rows.map((r, i) => ({
      municipality: mustExist(found[i] instanceof Municipality ? found[i] : null, 'municipality', r.code),
      procurementModel: r.model,
      contracts: r.contracts,
      providers: r.providers,
    }));
  }
}
