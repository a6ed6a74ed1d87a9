import { registerEnumType } from 'type-graphql';

/** Skolform: the school forms of kommunal vuxenutbildning (see DOMAIN.md). */
export enum SchoolForm {
  /** grundläggande vuxenutbildning */
  BASIC = 'BASIC',
  /** gymnasial vuxenutbildning */
  UPPER_SECONDARY = 'UPPER_SECONDARY',
  /** yrkesvux */
  VOCATIONAL = 'VOCATIONAL',
  /** svenska för invandrare */
  SFI = 'SFI',
  /** särskild utbildning för vuxna */
  SPECIAL = 'SPECIAL',
}

registerEnumType(SchoolForm, {
  name: 'SchoolForm',
  description: 'School form (skolform) of adult education.',
  valuesConfig: {
    BASIC: { description: 'Grundläggande vuxenutbildning: compulsory-school level.' },
    UPPER_SECONDARY: { description: 'Gymnasial vuxenutbildning: upper-secondary courses.' },
    VOCATIONAL: { description: 'Yrkesvux: upper-secondary vocational courses and packages.' },
    SFI: { description: 'Svenska för invandrare: Swedish for immigrants, courses A–D.' },
    SPECIAL: { description: 'Särskild utbildning för vuxna (lärvux).' },
  },
});
