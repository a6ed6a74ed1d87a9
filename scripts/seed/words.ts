/**
 * Place names, invented provider names and Swedish text fragments used by the
 * seed generator. All provider names are fictional.
 */

import type { SchoolForm } from '../../subgraphs/kit/region-data';

/** A locality (ort) in a municipality: postal code prefixes and approximate centre. */
export interface Locality {
  city: string;
  postalPrefixes: string[]; // first three digits of the postal code
  lat: number;
  lon: number;
}

/** Localities per municipality code; the first one is the municipality's main town. */
export const LOCALITIES: Record<string, Locality[]> = {
  '0114': [{ city: 'Upplands Väsby', postalPrefixes: ['194'], lat: 59.518, lon: 17.911 }],
  '0115': [{ city: 'Vallentuna', postalPrefixes: ['186'], lat: 59.534, lon: 18.078 }],
  '0117': [{ city: 'Åkersberga', postalPrefixes: ['184'], lat: 59.481, lon: 18.299 }],
  '0120': [
    { city: 'Gustavsberg', postalPrefixes: ['134'], lat: 59.326, lon: 18.389 },
    { city: 'Hemmesta', postalPrefixes: ['139'], lat: 59.323, lon: 18.505 },
  ],
  '0123': [
    { city: 'Jakobsberg', postalPrefixes: ['177'], lat: 59.423, lon: 17.835 },
    { city: 'Järfälla', postalPrefixes: ['175'], lat: 59.41, lon: 17.87 },
  ],
  '0125': [{ city: 'Ekerö', postalPrefixes: ['178'], lat: 59.291, lon: 17.809 }],
  '0126': [
    { city: 'Huddinge', postalPrefixes: ['141'], lat: 59.237, lon: 17.982 },
    { city: 'Flemingsberg', postalPrefixes: ['141'], lat: 59.219, lon: 17.946 },
    { city: 'Skogås', postalPrefixes: ['142'], lat: 59.218, lon: 18.155 },
  ],
  '0127': [
    { city: 'Tumba', postalPrefixes: ['147'], lat: 59.199, lon: 17.834 },
    { city: 'Norsborg', postalPrefixes: ['145'], lat: 59.243, lon: 17.838 },
    { city: 'Tullinge', postalPrefixes: ['146'], lat: 59.205, lon: 17.903 },
  ],
  '0128': [{ city: 'Rönninge', postalPrefixes: ['144'], lat: 59.193, lon: 17.75 }],
  '0136': [
    { city: 'Handen', postalPrefixes: ['136'], lat: 59.168, lon: 18.137 },
    { city: 'Jordbro', postalPrefixes: ['137'], lat: 59.141, lon: 18.126 },
  ],
  '0138': [{ city: 'Tyresö', postalPrefixes: ['135'], lat: 59.244, lon: 18.229 }],
  '0139': [
    { city: 'Kungsängen', postalPrefixes: ['196'], lat: 59.478, lon: 17.75 },
    { city: 'Bro', postalPrefixes: ['197'], lat: 59.511, lon: 17.636 },
  ],
  '0140': [{ city: 'Nykvarn', postalPrefixes: ['155'], lat: 59.179, lon: 17.431 }],
  '0160': [{ city: 'Täby', postalPrefixes: ['183', '187'], lat: 59.444, lon: 18.069 }],
  '0162': [
    { city: 'Danderyd', postalPrefixes: ['182'], lat: 59.4, lon: 18.035 },
    { city: 'Djursholm', postalPrefixes: ['182'], lat: 59.397, lon: 18.084 },
  ],
  '0163': [{ city: 'Sollentuna', postalPrefixes: ['191', '192'], lat: 59.428, lon: 17.951 }],
  '0180': [
    { city: 'Stockholm', postalPrefixes: ['111', '113', '114', '116', '118'], lat: 59.334, lon: 18.063 },
    { city: 'Kista', postalPrefixes: ['164'], lat: 59.403, lon: 17.944 },
    { city: 'Hägersten', postalPrefixes: ['126', '129'], lat: 59.298, lon: 17.979 },
    { city: 'Skärholmen', postalPrefixes: ['127'], lat: 59.277, lon: 17.907 },
    { city: 'Farsta', postalPrefixes: ['123'], lat: 59.244, lon: 18.093 },
    { city: 'Vällingby', postalPrefixes: ['162'], lat: 59.363, lon: 17.872 },
    { city: 'Bromma', postalPrefixes: ['167', '168'], lat: 59.338, lon: 17.939 },
    { city: 'Johanneshov', postalPrefixes: ['121'], lat: 59.297, lon: 18.08 },
    { city: 'Spånga', postalPrefixes: ['163'], lat: 59.383, lon: 17.898 },
    { city: 'Bandhagen', postalPrefixes: ['124'], lat: 59.27, lon: 18.05 },
  ],
  '0181': [
    { city: 'Södertälje', postalPrefixes: ['151', '152'], lat: 59.196, lon: 17.626 },
    { city: 'Järna', postalPrefixes: ['153'], lat: 59.093, lon: 17.567 },
  ],
  '0182': [
    { city: 'Nacka', postalPrefixes: ['131'], lat: 59.31, lon: 18.164 },
    { city: 'Saltsjö-Boo', postalPrefixes: ['132'], lat: 59.327, lon: 18.27 },
    { city: 'Saltsjöbaden', postalPrefixes: ['133'], lat: 59.279, lon: 18.295 },
  ],
  '0183': [{ city: 'Sundbyberg', postalPrefixes: ['172', '174'], lat: 59.361, lon: 17.972 }],
  '0184': [{ city: 'Solna', postalPrefixes: ['169', '171'], lat: 59.36, lon: 18.001 }],
  '0186': [{ city: 'Lidingö', postalPrefixes: ['181'], lat: 59.367, lon: 18.133 }],
  '0187': [{ city: 'Vaxholm', postalPrefixes: ['185'], lat: 59.402, lon: 18.351 }],
  '0188': [
    { city: 'Norrtälje', postalPrefixes: ['761'], lat: 59.758, lon: 18.705 },
    { city: 'Rimbo', postalPrefixes: ['762'], lat: 59.744, lon: 18.37 },
    { city: 'Hallstavik', postalPrefixes: ['763'], lat: 60.052, lon: 18.6 },
  ],
  '0191': [
    { city: 'Märsta', postalPrefixes: ['195'], lat: 59.617, lon: 17.855 },
    { city: 'Sigtuna', postalPrefixes: ['193'], lat: 59.617, lon: 17.723 },
  ],
  '0192': [{ city: 'Nynäshamn', postalPrefixes: ['149'], lat: 58.903, lon: 17.948 }],
};

/** Rough parts of the county, used to make providers work near home. */
export const ZONES: Record<string, 'north' | 'west' | 'south' | 'east' | 'central'> = {
  '0114': 'north',
  '0115': 'north',
  '0117': 'north',
  '0120': 'east',
  '0123': 'west',
  '0125': 'west',
  '0126': 'south',
  '0127': 'south',
  '0128': 'south',
  '0136': 'south',
  '0138': 'south',
  '0139': 'west',
  '0140': 'south',
  '0160': 'north',
  '0162': 'north',
  '0163': 'north',
  '0180': 'central',
  '0181': 'south',
  '0182': 'east',
  '0183': 'central',
  '0184': 'central',
  '0186': 'east',
  '0187': 'east',
  '0188': 'north',
  '0191': 'north',
  '0192': 'south',
};

export const STREET_NAMES: readonly string[] = [
  'Storgatan',
  'Kungsgatan',
  'Drottninggatan',
  'Järnvägsgatan',
  'Skolvägen',
  'Kyrkvägen',
  'Industrivägen',
  'Centrumvägen',
  'Torggatan',
  'Bruksvägen',
  'Parkvägen',
  'Stationsvägen',
  'Ringvägen',
  'Hantverkargatan',
  'Björkvägen',
  'Lindvägen',
  'Ekvägen',
  'Sjövägen',
  'Hamngatan',
  'Tingsvägen',
  'Bryggargatan',
  'Verkstadsgatan',
  'Malmvägen',
  'Smedjegatan',
  'Ängsvägen',
  'Åkervägen',
  'Föreningsgatan',
  'Gärdesvägen',
];

/** The municipal (egen regi) provider's name per municipality with own schools. */
export const MUNICIPAL_PROVIDER_NAMES: Record<string, string> = {
  '0117': 'Vuxenutbildningen Österåker',
  '0120': 'Komvux Värmdö',
  '0123': 'Järfälla vuxenutbildning',
  '0126': 'Komvux Huddinge',
  '0127': 'Botkyrka vuxenutbildning',
  '0136': 'Vuxenutbildningen i Haninge',
  '0138': 'Tyresö kommuns vuxenutbildning',
  '0139': 'Komvux Upplands-Bro',
  '0180': 'Stockholms stads vuxenutbildning',
  '0181': 'Södertälje kommuns vuxenutbildning',
  '0183': 'Komvux Sundbyberg',
  '0186': 'Lidingö vuxenutbildning',
  '0188': 'Vuxenutbildningen Norrtälje',
  '0191': 'Sigtuna lärcentrum',
  '0192': 'Komvux Nynäshamn',
};

export type ExternalProfile = 'broad' | 'sfi' | 'vocational' | 'distance' | 'special';

export interface ExternalProviderDef {
  name: string;
  /** The name without the company form, used for site names. */
  brand: string;
  profile: ExternalProfile;
  forms: SchoolForm[];
  /** Vocational packages (yrkespaket) offered, by name. */
  packages: string[];
  home: string; // municipality code of the head office
  gradingRights: boolean;
}

function ext(
  brand: string,
  profile: ExternalProfile,
  home: string,
  forms: SchoolForm[],
  packages: string[] = [],
  gradingRights = true,
): ExternalProviderDef {
  return { name: `${brand} AB`, brand, profile, forms, packages, home, gradingRights };
}

/** Thirty invented external providers. */
export const EXTERNAL_PROVIDERS: readonly ExternalProviderDef[] = [
  ext('Kunskapsbron Utbildning', 'broad', '0180', ['BASIC', 'UPPER_SECONDARY', 'SFI', 'VOCATIONAL'], ['Undersköterska']),
  ext('Nordljus Vuxenskola', 'broad', '0163', ['BASIC', 'UPPER_SECONDARY', 'SFI', 'VOCATIONAL'], ['Barnskötare']),
  ext('Tallkronan Lärande', 'broad', '0126', ['BASIC', 'UPPER_SECONDARY', 'SFI']),
  ext('Mälarbris Kompetens', 'broad', '0181', ['BASIC', 'UPPER_SECONDARY', 'VOCATIONAL'], ['Undersköterska', 'Kock']),
  ext('Fyrbåken Vuxenutbildning', 'broad', '0136', ['BASIC', 'UPPER_SECONDARY', 'SFI', 'VOCATIONAL'], ['Undersköterska']),
  ext('Kompassrosen Utbildning', 'broad', '0184', ['BASIC', 'UPPER_SECONDARY', 'SFI']),
  ext('Ekbackens Kunskapscenter', 'broad', '0123', ['BASIC', 'UPPER_SECONDARY', 'VOCATIONAL'], ['Barnskötare']),
  ext('Skärgårdsljus Lärcenter', 'broad', '0120', ['BASIC', 'UPPER_SECONDARY', 'SFI']),
  ext('Vindrosen Vuxenstudier', 'broad', '0117', ['BASIC', 'UPPER_SECONDARY', 'SFI', 'VOCATIONAL'], ['Undersköterska']),
  ext('Solvändan Utbildning', 'broad', '0127', ['BASIC', 'UPPER_SECONDARY', 'SFI', 'VOCATIONAL'], ['Barnskötare']),
  ext('Ordbryggan Språkskola', 'sfi', '0180', ['SFI', 'BASIC']),
  ext('Tungomålet Sfi', 'sfi', '0127', ['SFI'], [], false),
  ext('Språkfyren Mälardalen', 'sfi', '0183', ['SFI']),
  ext('Ordkällan Språkutbildning', 'sfi', '0191', ['SFI', 'BASIC']),
  ext('Vokalen Svenskskola', 'sfi', '0126', ['SFI']),
  ext('Vårdtrappan Yrkesutbildning', 'vocational', '0180', ['VOCATIONAL'], ['Undersköterska']),
  ext('Omsorgsakademin Södertörn', 'vocational', '0136', ['VOCATIONAL'], ['Undersköterska', 'Barnskötare']),
  ext('Lekvisan Pedagogutbildning', 'vocational', '0163', ['VOCATIONAL'], ['Barnskötare'], false),
  ext('Strömbrytaren Yrkesutbildning', 'vocational', '0123', ['VOCATIONAL'], ['Elektriker']),
  ext('Kopparledningen Elutbildning', 'vocational', '0181', ['VOCATIONAL'], ['Elektriker']),
  ext('Grytlocket Kockskola', 'vocational', '0180', ['VOCATIONAL'], ['Kock']),
  ext('Lastkajen Förarutbildning', 'vocational', '0191', ['VOCATIONAL'], ['Lastbilsförare']),
  ext('Hjulspåret Yrkesförarutbildning', 'vocational', '0181', ['VOCATIONAL'], ['Lastbilsförare']),
  ext('Yrkesvalvet Stockholm', 'vocational', '0184', ['VOCATIONAL'], ['Undersköterska', 'Barnskötare', 'Kock']),
  ext('Nätklassen Vuxenstudier', 'distance', '0180', ['BASIC', 'UPPER_SECONDARY']),
  ext('Molnskolan Distans', 'distance', '0188', ['UPPER_SECONDARY', 'SFI']),
  ext('Skrivbordet Distansgymnasium', 'distance', '0186', ['UPPER_SECONDARY']),
  ext('Fjärrpennan Distansutbildning', 'distance', '0114', ['BASIC', 'UPPER_SECONDARY'], [], false),
  ext('Gläntan Lärvux', 'special', '0126', ['SPECIAL', 'BASIC']),
  ext('Trädgårdsgrinden Anpassad Vuxenutbildning', 'special', '0114', ['SPECIAL']),
];

/** The profession a vocational package leads to, for descriptions. */
export const PACKAGE_OCCUPATIONS: Record<string, string> = {
  Undersköterska: 'undersköterska inom vård och omsorg',
  Barnskötare: 'barnskötare i förskola eller fritidshem',
  Elektriker: 'elektriker inom installation och service',
  Kock: 'kock på restaurang, i storkök eller på hotell',
  Lastbilsförare: 'lastbilsförare inom gods- och distributionstrafik',
};

/** What a course in a subject trains, completing "Du utvecklar …". */
export const SUBJECT_FOCUS: Record<string, string> = {
  Svenska: 'din förmåga att läsa, skriva och uttrycka dig på svenska',
  'Svenska som andraspråk': 'din svenska i tal och skrift och din förståelse av texter',
  Engelska: 'din engelska i tal och skrift i vardag, arbetsliv och studier',
  Matematik: 'ditt matematiska tänkande och din förmåga att lösa problem',
  Samhällskunskap: 'dina kunskaper om demokrati, ekonomi och samhällsfrågor',
  Historia: 'din förståelse av hur historien har format dagens samhälle',
  Religionskunskap: 'dina kunskaper om religioner och livsåskådningar',
  Naturkunskap: 'dina kunskaper om människan, miljön och naturvetenskapens arbetssätt',
  Biologi: 'dina kunskaper om levande organismer, ekologi och genetik',
  Kemi: 'dina kunskaper om ämnens egenskaper och kemiska reaktioner',
  Fysik: 'din förståelse av rörelse, energi och fysikens modeller',
  Psykologi: 'dina kunskaper om människans tänkande, känslor och beteende',
  Filosofi: 'din förmåga att resonera kring kunskap, etik och argumentation',
  Företagsekonomi: 'dina kunskaper om hur företag startas, drivs och redovisar',
  Programmering: 'din förmåga att skriva, testa och felsöka program',
  'Samhällsorienterande ämnen': 'dina kunskaper i geografi, historia, religion och samhällskunskap',
  'Naturorienterande ämnen': 'dina kunskaper i biologi, fysik och kemi',
  'Svenska för invandrare': 'din svenska för vardag, arbete och fortsatta studier',
  'Data och IT': 'din vana att använda dator, mobil och digitala tjänster',
};

export const SFI_PATH_AUDIENCE: Record<number, string> = {
  1: 'har kort eller ingen tidigare skolbakgrund',
  2: 'har några års skolbakgrund från ditt hemland',
  3: 'har lång studievana, till exempel gymnasie- eller högskoleutbildning',
};

export const SUPPORT_LANGUAGES: readonly string[] = [
  'arabiska',
  'somaliska',
  'dari',
  'tigrinja',
  'ukrainska',
  'persiska',
  'engelska',
];

export const SWEDISH_MONTHS: readonly string[] = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** Closing sentences about the study environment; pick one now and then. */
export const EXTRA_SENTENCES: readonly string[] = [
  'Du har tillgång till studie- och yrkesvägledning under hela kursen.',
  'Vi erbjuder studiehandledning och extra stöd för dig som behöver det.',
  'Kurslitteraturen lånar du av skolan.',
  'Undervisningen varvar genomgångar med eget arbete och diskussioner i grupp.',
  'Läraren följer upp din utveckling löpande under kursen.',
];
