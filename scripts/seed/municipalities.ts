/** The region's municipalities: the reference file and the codes the generator treats specially. */

import municipalitiesFile from '../../common/data/municipalities.json';
import type { MunicipalityRow } from '../../subgraphs/kit/region-data';

export const STOCKHOLM = '0180';
export const SODERTALJE = '0181';
export const NYKVARN = '0140';
export const EKERO = '0125';
export const JARFALLA = '0123';
export const NACKA = '0182';
/** Vallentuna, Täby, Danderyd and Vaxholm procure together. */
export const NORDOST: readonly string[] = ['0115', '0160', '0162', '0187'];
export const SPECIAL_MUNICIPALITIES: readonly string[] = [...NORDOST, NACKA, EKERO, NYKVARN];

export function loadMunicipalities(): MunicipalityRow[] {
  return municipalitiesFile.municipalities.map((m) => ({
    code: m.code,
    name: m.name,
    population: m.population,
    ownSchools: m.ownSchools,
  }));
}

export function displayName(m: MunicipalityRow): string {
  return m.code === STOCKHOLM ? 'Stockholms stad' : `${m.name} kommun`;
}
