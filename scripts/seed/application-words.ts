/** Swedish texts applicants, officers and providers write on applications. */

import type { SchoolForm } from '../../subgraphs/kit/region-data';

export const MOTIVATIONS: Record<SchoolForm, readonly string[]> = {
  SFI: [
    'Jag vill lära mig svenska för att kunna få ett arbete.',
    'Jag vill kunna prata med mina barns lärare och grannar.',
    'Jag behöver svenska för att kunna studera vidare.',
  ],
  BASIC: [
    'Jag har inte gått klart grundskolan och vill kunna läsa vidare.',
    'Jag behöver grundskolans kunskaper för att komma in på en yrkesutbildning.',
  ],
  UPPER_SECONDARY: [
    'Jag vill bli behörig till högskolan.',
    'Jag behöver kursen för att kunna söka till sjuksköterskeprogrammet.',
    'Jag vill komplettera mina betyg från gymnasiet.',
    'Kursen behövs för den utbildning jag vill söka till.',
  ],
  VOCATIONAL: [
    'Jag vill byta yrke och få ett fast arbete.',
    'Jag har arbetat som timanställd inom yrket och vill få en formell utbildning.',
    'Arbetsförmedlingen har rekommenderat utbildningen.',
  ],
  SPECIAL: ['Jag vill fortsätta utvecklas och lära mig mer.', 'Min gode man har hjälpt mig att söka.'],
};

export const WITHDRAWAL_REASONS: readonly (string | null)[] = [
  'Har fått arbete',
  'Har valt en annan utbildning',
  'Flyttar från kommunen',
  'Kan inte studera just nu',
  null,
];

export const DROPOUT_REASONS: readonly string[] = [
  'Har fått arbete',
  'Har flyttat',
  'Personliga skäl',
  'Hälsoskäl',
  'Studierna gick inte att kombinera med arbetet',
  'Har slutat komma till undervisningen',
];

export const CANCELLATION_REASON = 'För få sökande';
export const WAITLIST_REASON = 'Alla platser är tagna';
export const FROM_WAITLIST_REASON = 'Plats ledig efter avhopp';

/** An officer's note when rejecting against a recommendation to grant. */
export const REJECT_NOTES: readonly string[] = [
  'Andra sökande med större behov av utbildning har gått före.',
  'Sökanden har redan godkänt betyg i motsvarande kurs.',
  'Kursen krockar med sökandens övriga studier på heltid.',
];

/** An officer's note when granting against a recommendation to reject, by the recommendation's basis. */
export const GRANT_NOTES: Record<string, string> = {
  NOT_ELIGIBLE_AGE: 'Har fullföljt ett nationellt program i gymnasieskolan och får därför läsa på komvux före 20 års ålder.',
  HAS_KNOWLEDGE: 'Betygen från grundskolan är mer än tio år gamla; sökanden behöver repetera.',
  NO_SWEDISH_NEED: 'Kartläggningen visar att sökanden saknar grundläggande kunskaper i svenska.',
};
