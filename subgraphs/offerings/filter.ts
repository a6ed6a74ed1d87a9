import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { badUserInput } from '../../common/errors';
import { isoDate, todayInSweden } from '../kit/dates';
import { SchoolForm } from '../kit/domain';
import { SqlParams } from '../kit/sql';
import { checkDate, checkMaxItems, checkMunicipalityCodes, checkText, checkTexts } from '../kit/validate';
import { StudyMode } from './model';

export enum OfferingOrder {
  START_DATE = 'START_DATE',
  TITLE = 'TITLE',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(OfferingOrder, {
  name: 'OfferingOrder',
  valuesConfig: {
    START_DATE: { description: 'Earliest start first (the default).' },
    TITLE: { description: 'By title, Swedish alphabetical order.' },
    RELEVANCE: { description: 'Best full-text match first; needs `filter.text`.' },
  },
});

@InputType({ description: 'Narrows the catalogue; all given conditions must hold, a list matches any of its values.' })
export class OfferingFilter {
  @Field({ nullable: true, description: 'Swedish full-text search over title, course name and description.' })
  text?: string;

  @Field(() => [ID], { nullable: true, description: 'Organising municipalities (codes).' })
  municipalities?: string[];

  @Field(() => [SchoolForm], { nullable: true })
  schoolForms?: SchoolForm[];

  @Field(() => [ID], { nullable: true })
  courseCodes?: string[];

  @Field(() => [ID], { nullable: true })
  providerIds?: string[];

  @Field(() => [StudyMode], { nullable: true })
  studyModes?: StudyMode[];

  @Field(() => [Int], { nullable: true, description: 'Paces in percent: 25, 50, 75 or 100.' })
  paces?: number[];

  @Field(() => GraphQLDate, { nullable: true, description: 'Starting on or after this date.' })
  startsFrom?: Date;

  @Field(() => GraphQLDate, { nullable: true, description: 'Starting on or before this date.' })
  startsTo?: Date;

  @Field({ nullable: true, description: 'true: open for application today; false: not open today (cancelled offerings never are).' })
  openForApplication?: boolean;
}

const PACES = new Set([25, 50, 75, 100]);
const MAX_TEXT = 200;
const MAX_LIST = 100;

/** The filter's text, trimmed; undefined when there is none to search for. */
export function searchText(filter: OfferingFilter | null | undefined): string | undefined {
  const text = filter?.text?.trim();
  return text ? text : undefined;
}

/** Refuses a filter a person could not have meant, with a message that says what to change. */
export function checkFilter(filter: OfferingFilter | null | undefined): void {
  if (!filter) return;
  checkText(filter.text, 'filter.text', MAX_TEXT);
  checkMunicipalityCodes(filter.municipalities, 'filter.municipalities');
  for (const [list, name] of [
    [filter.municipalities, 'filter.municipalities'],
    [filter.schoolForms, 'filter.schoolForms'],
    [filter.studyModes, 'filter.studyModes'],
    [filter.paces, 'filter.paces'],
  ] as const) {
    checkMaxItems(list, MAX_LIST, name);
  }
  checkTexts(filter.courseCodes, 'filter.courseCodes', MAX_LIST);
  checkTexts(filter.providerIds, 'filter.providerIds', MAX_LIST);
  checkDate(filter.startsFrom, 'filter.startsFrom');
  checkDate(filter.startsTo, 'filter.startsTo');
  for (const pace of filter.paces ?? []) {
    if (!PACES.has(pace)) {
      throw badUserInput(`filter.paces: ${pace} is not a pace; use 25, 50, 75 or 100.`, { argumentName: 'filter.paces' });
    }
  }
  if (filter.startsFrom && filter.startsTo && filter.startsFrom > filter.startsTo) {
    throw badUserInput('filter.startsFrom is after filter.startsTo.', { argumentName: 'filter.startsFrom' });
  }
}

export interface FilterSql {
  conditions: string[];
  /** Placeholder of the search text, when there is one (the relevance order ranks by it). */
  textParam?: string;
}

/** SQL conditions on `offerings o` for a filter, with their parameters added to `params`. */
export function filterConditions(filter: OfferingFilter | null | undefined, params: SqlParams): FilterSql {
  const where: string[] = [];
  if (!filter) return { conditions: where };
  const text = searchText(filter);
  const textParam = text ? params.add(text) : undefined;
  if (textParam) where.push(`o.search_vector @@ websearch_to_tsquery('swedish', ${textParam})`);
  const anyOf = (column: string, values: readonly unknown[] | undefined, cast: string) => {
    if (values?.length) where.push(`o.${column} = ANY(${params.add(values)}::${cast}[])`);
  };
  anyOf('municipality_code', filter.municipalities, 'bpchar');
  anyOf('school_form', filter.schoolForms, 'text');
  anyOf('course_code', filter.courseCodes, 'text');
  anyOf('provider_id', filter.providerIds, 'text');
  anyOf('study_mode', filter.studyModes, 'text');
  anyOf('pace', filter.paces, 'smallint');
  if (filter.startsFrom) where.push(`o.start_date >= ${params.add(isoDate(filter.startsFrom))}::date`);
  if (filter.startsTo) where.push(`o.start_date <= ${params.add(isoDate(filter.startsTo))}::date`);
  if (filter.openForApplication !== undefined && filter.openForApplication !== null) {
    const today = `${params.add(todayInSweden())}::date`;
    const open = `(o.application_opens <= ${today} AND o.application_closes >= ${today} AND o.cancelled_at IS NULL)`;
    where.push(filter.openForApplication ? open : `NOT ${open}`);
  }
  return { conditions: where, textParam };
}
