import { Arg, Authorized, Ctx, Directive, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Role } from '../kit/auth';
import { PRIVATE } from '../kit/cache-control';
import { SchoolForm } from '../kit/domain';
import { checkTerm } from '../kit/terms';
import type { Context } from './loaders';
import { Municipality, Provider, ProviderKind } from './model';

export enum ReportGrouping {
  MUNICIPALITY = 'MUNICIPALITY',
  PROVIDER = 'PROVIDER',
  PROVIDER_KIND = 'PROVIDER_KIND',
  SCHOOL_FORM = 'SCHOOL_FORM',
}
registerEnumType(ReportGrouping, {
  name: 'ReportGrouping',
  description: 'What one row of the region’s report stands for.',
  valuesConfig: {
    MUNICIPALITY: { description: 'A municipality: its residents (applicants, results) and the offerings it organises.' },
    PROVIDER: { description: 'A provider: its offerings and their students.' },
    PROVIDER_KIND: { description: 'Municipal schools (egen regi) or external providers.' },
    SCHOOL_FORM: { description: 'A school form.' },
  },
});

/**
 * One row of the region's report for a term: what it stands for and its scope, which the
 * other subgraphs read (`@requires`) to add their figures to it: offerings (offerings),
 * applicants and results (applications), survey results (surveys). An empty scope list
 * means every value.
 */
@Directive(PRIVATE)
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A row of the region’s report: a municipality, provider, kind of provider or school form in a term.' })
export class ReportRow {
  @Field(() => ID, { description: '"<term>|<grouping>|<key>".' })
  id!: string;

  @Field()
  term!: string;

  @Field(() => ReportGrouping)
  grouping!: ReportGrouping;

  @Field({ description: 'The municipality code, provider id, provider kind or school form.' })
  key!: string;

  @Field({ description: 'The name to show.' })
  label!: string;

  @Field(() => Municipality, { nullable: true })
  municipality!: Municipality | null;

  @Field(() => Provider, { nullable: true })
  provider!: Provider | null;

  @Field(() => [ID], { description: 'The municipalities the row covers (empty: all).' })
  scopeMunicipalities!: string[];

  @Field(() => [ID], { description: 'The providers the row covers (empty: all).' })
  scopeProviders!: string[];

  @Field(() => [SchoolForm], { description: 'The school forms the row covers (empty: all).' })
  scopeSchoolForms!: SchoolForm[];

  @Field(() => [ID], { description: 'Every external provider, for the share of students at external providers.' })
  externalProviders!: string[];
}

const SCHOOL_FORM_LABELS: Record<SchoolForm, string> = {
  BASIC: 'Grundläggande vuxenutbildning',
  UPPER_SECONDARY: 'Gymnasial vuxenutbildning',
  VOCATIONAL: 'Yrkesvux',
  SFI: 'Svenska för invandrare',
  SPECIAL: 'Särskild utbildning för vuxna',
};
const KIND_LABELS: Record<ProviderKind, string> = { MUNICIPAL: 'Kommunal regi', EXTERNAL: 'Externa utbildningsanordnare' };

/** The rows of a report, in the order a statistician reads them. */
export async function reportRows(ctx: Context, term: string, grouping: ReportGrouping): Promise<ReportRow[]> {
  const ds = ctx.db.dataSource;
  const providers = await ds.getRepository(Provider).find({ order: { id: 'ASC' } });
  const external = providers.filter((p) => p.kind === ProviderKind.EXTERNAL).map((p) => p.id);
  const row = (key: string, label: string, scope: Partial<Pick<ReportRow, 'scopeMunicipalities' | 'scopeProviders' | 'scopeSchoolForms'>>, extra: Partial<ReportRow> = {}): ReportRow => ({
    id: `${term}|${grouping}|${key}`,
    term,
    grouping,
    key,
    label,
    municipality: null,
    provider: null,
    scopeMunicipalities: [],
    scopeProviders: [],
    scopeSchoolForms: [],
    externalProviders: external,
    ...scope,
    ...extra,
  });
  switch (grouping) {
    case ReportGrouping.MUNICIPALITY: {
      const municipalities = await ds.getRepository(Municipality).find({ order: { code: 'ASC' } });
      return municipalities.map((m) => row(m.code, m.name, { scopeMunicipalities: [m.code] }, { municipality: m }));
    }
    case ReportGrouping.PROVIDER:
      return [...providers]
        .sort((a, b) => a.name.localeCompare(b.name, 'sv') || (a.id < b.id ? -1 : 1))
        .map((p) => row(p.id, p.name, { scopeProviders: [p.id] }, { provider: p }));
    case ReportGrouping.PROVIDER_KIND:
      return [ProviderKind.MUNICIPAL, ProviderKind.EXTERNAL].map((kind) =>
        row(kind, KIND_LABELS[kind], { scopeProviders: providers.filter((p) => p.kind === kind).map((p) => p.id) }),
      );
    case ReportGrouping.SCHOOL_FORM:
      return Object.values(SchoolForm).map((form) => row(form, SCHOOL_FORM_LABELS[form], { scopeSchoolForms: [form] }));
  }
}

/** A row again from its id (for the gateway's entity fetches), or null. */
export async function reportRowById(ctx: Context, id: string): Promise<ReportRow | null> {
  const [term, grouping, key] = id.split('|');
  if (!term || !grouping || !key || !(grouping in ReportGrouping)) return null;
  const rows = await reportRows(ctx, term, grouping as ReportGrouping);
  return rows.find((r) => r.key === key) ?? null;
}

@Resolver(() => ReportRow)
export class ReportResolver {
  @Authorized(Role.STATISTICIAN, Role.COORDINATOR, Role.OFFICER)
  @Query(() => [ReportRow], {
    description:
      'The region’s report for a term, one row per municipality, provider, kind of provider or school form; the ' +
      'figures come from every subgraph, each suppressed when it covers too few people.',
  })
  report(
    @Arg('term', { description: 'e.g. "VT2026".' }) term: string,
    @Arg('groupBy', () => ReportGrouping) groupBy: ReportGrouping,
    @Ctx() ctx: Context,
  ): Promise<ReportRow[]> {
    checkTerm(term, 'term');
    return reportRows(ctx, term, groupBy);
  }
}
