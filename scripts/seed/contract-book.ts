/** The contracts register: contract rows indexed by municipality, and how their validity dates are drawn. */

import { ALL_FORMS } from './courses';
import type { ProviderPlan } from './providers';
import { chance, pick, randInt, type Rng } from './random';
import { dayOf, iso, parts } from './terms';
import type { ContractRow, ProcurementModel, SchoolForm } from '../../subgraphs/kit/region-data';

export interface DateWindow {
  today: number;
  firstStart: number;
  lastEnd: number;
}

export interface ContractDates {
  validFrom: string;
  validTo: string | null;
}

export function contractDates(rng: Rng, window: DateWindow): ContractDates {
  const limit = Math.min(window.today, window.firstStart);
  const year = parts(limit).year;
  const options: number[] = [];
  for (let y = year - 2; y <= year; y++) {
    for (const month of [1, 7]) {
      const d = dayOf(y, month, 1);
      if (d <= limit) options.push(d);
    }
  }
  const validFrom = iso(pick(rng, options));
  if (chance(rng, 0.55)) return { validFrom, validTo: null };
  const endYear = parts(window.lastEnd).year + randInt(rng, 1, 2);
  const validTo = chance(rng, 0.5) ? dayOf(endYear, 6, 30) : dayOf(endYear, 12, 31);
  return { validFrom, validTo: iso(validTo) };
}

export function isValidOn(contract: ContractRow, date: string): boolean {
  return contract.validFrom <= date && (contract.validTo === null || date <= contract.validTo);
}

export class ContractBook {
  readonly rows: ContractRow[] = [];
  private readonly byMunicipality = new Map<string, ContractRow[]>();

  add(provider: ProviderPlan, municipalityCode: string, model: ProcurementModel, forms: readonly SchoolForm[], dates: ContractDates): ContractRow {
    const row: ContractRow = {
      id: `contract-${String(this.rows.length + 1).padStart(4, '0')}`,
      providerId: provider.row.id,
      municipalityCode,
      procurementModel: model,
      schoolForms: ALL_FORMS.filter((f) => forms.includes(f)),
      validFrom: dates.validFrom,
      validTo: dates.validTo,
    };
    this.rows.push(row);
    const list = this.byMunicipality.get(municipalityCode) ?? [];
    list.push(row);
    this.byMunicipality.set(municipalityCode, list);
    return row;
  }

  inMunicipality(code: string): ContractRow[] {
    return this.byMunicipality.get(code) ?? [];
  }

  find(providerId: string, municipalityCode: string): ContractRow | undefined {
    return this.inMunicipality(municipalityCode).find((c) => c.providerId === providerId);
  }

  covers(code: string, form: SchoolForm): boolean {
    return this.inMunicipality(code).some((c) => c.schoolForms.includes(form));
  }

  addForm(row: ContractRow, form: SchoolForm): void {
    if (!row.schoolForms.includes(form)) {
      row.schoolForms = ALL_FORMS.filter((f) => f === form || row.schoolForms.includes(f));
    }
  }

  countFor(providerId: string): number {
    return this.rows.filter((c) => c.providerId === providerId).length;
  }
}
