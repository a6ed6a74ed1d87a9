import municipalitiesFile from './data/municipalities.json';

/**
 * Reference data every process shares: the county's municipality codes (the shard key of
 * the subgraphs, the scope of an officer's token).
 */
export interface MunicipalityRecord {
  code: string;
  name: string;
  population: number;
  ownSchools: boolean;
}

export const MUNICIPALITIES: readonly MunicipalityRecord[] = municipalitiesFile.municipalities.map((m) => ({
  code: m.code,
  name: m.name,
  population: m.population,
  ownSchools: m.ownSchools,
}));

export const MUNICIPALITY_CODES: ReadonlySet<string> = new Set(MUNICIPALITIES.map((m) => m.code));
