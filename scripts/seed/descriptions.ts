/** Offering descriptions in Swedish: a few sentences on the course, how and when it is taught, and by whom. */

import { NORDOST } from './municipalities';
import { must } from './must';
import type { OfferingContext, OfferingDraft } from './offering-context';
import { pick, randInt, type Rng } from './random';
import { genitive, lowerFirst, swedishDate } from './swedish';
import { parts } from './terms';
import { EXTRA_SENTENCES, PACKAGE_OCCUPATIONS, SFI_PATH_AUDIENCE, SUBJECT_FOCUS } from './words';

function introSentences(rng: Rng, d: OfferingDraft): string[] {
  const c = d.course.row;
  const focus = SUBJECT_FOCUS[c.subject] ?? `dina kunskaper i ${lowerFirst(c.subject)}`;
  switch (c.schoolForm) {
    case 'UPPER_SECONDARY': {
      const points = c.points ?? 100;
      const variant = randInt(rng, 0, 2);
      if (variant === 0) return [`${c.name} är en kurs på gymnasial nivå om ${points} poäng.`, `Du utvecklar ${focus}.`];
      if (variant === 1) {
        return [
          `Kursen ${c.name} passar dig som vill bli behörig till vidare studier eller bredda din kompetens.`,
          `Du utvecklar ${focus}.`,
        ];
      }
      return [`I kursen ${c.name} utvecklar du ${focus}.`, `Kursen omfattar ${points} gymnasiepoäng.`];
    }
    case 'BASIC':
      return [
        `Grundläggande ${lowerFirst(c.name)} motsvarar grundskolans nivå och passar dig som saknar kunskaper från grundskolan.`,
        `I delkurs ${d.basicPart} av 4 utvecklar du ${focus}.`,
      ];
    case 'SFI':
      return [
        pick(rng, [
          'Sfi, svenska för invandrare, är för dig som vill lära dig grundläggande svenska.',
          'Utbildningen i svenska för invandrare (sfi) ger dig grundläggande kunskaper i svenska språket.',
        ]),
        `${c.name} läses på studieväg ${d.sfiPath}, som passar dig som ${must(SFI_PATH_AUDIENCE[d.sfiPath], 'study path')}.`,
      ];
    case 'VOCATIONAL': {
      const pkg = d.packageInfo;
      if (!pkg) return [`Kursen ${c.name} läses inom yrkesvux.`, `Du utvecklar ${focus}.`];
      const occupation = PACKAGE_OCCUPATIONS[pkg.name] ?? lowerFirst(pkg.name);
      return [
        `Kursen ${c.name} ingår i yrkespaketet ${pkg.name} inom ${lowerFirst(pkg.area)} och läses som yrkesvux.`,
        `Hela paketet förbereder dig för arbete som ${occupation}.`,
      ];
    }
    case 'SPECIAL':
      return [
        `Kursen i ${lowerFirst(c.subject)} ingår i särskild utbildning för vuxna (lärvux) och är anpassad för dig med intellektuell funktionsnedsättning.`,
        `Du utvecklar ${focus} i en liten grupp med stöd utifrån dina behov.`,
      ];
  }
}

function modeSentence(rng: Rng, d: OfferingDraft): string {
  const support = d.supportLanguage ? `, med studiehandledning på ${d.supportLanguage} vid behov` : '';
  const site = d.site;
  if (d.mode === 'DISTANCE' || !site) {
    return pick(rng, [
      `Kursen läses helt på distans via ${genitive(d.provider.row.name)} lärplattform, med handledning per chatt och videomöte${support}.`,
      `Du studerar på distans hos ${d.provider.row.name} och träffar din lärare digitalt${support}.`,
    ]);
  }
  const when = d.evening ? 'på kvällstid ' : '';
  if (d.mode === 'HYBRID') {
    return `Kursen kombinerar lärarledda träffar ${when}på ${site.name} i ${site.city} med studier på distans${support}.`;
  }
  return pick(rng, [
    `Undervisningen sker ${when}på plats på ${site.name}, ${site.streetAddress} i ${site.city}${support}.`,
    `Du studerar ${when}på plats hos ${d.provider.row.name} i ${site.city}${support}.`,
  ]);
}

function paceSentence(d: OfferingDraft): string {
  const sameYear = parts(d.start).year === parts(d.end).year;
  const from = swedishDate(d.start, !sameYear);
  const to = swedishDate(d.end, true);
  switch (d.pace) {
    case 100:
      return `Kursen läses på heltid (100 procents studietakt) från ${from} till ${to}.`;
    case 75:
      return `Studietakten är 75 procent och kursen pågår från ${from} till ${to}.`;
    case 50:
      return `Studietakten är 50 procent, så kursen går att kombinera med arbete; den pågår från ${from} till ${to}.`;
    case 25:
      return `Med 25 procents studietakt passar kursen dig som vill studera vid sidan av arbete; den pågår från ${from} till ${to}.`;
  }
}

function providerSentence(ctx: OfferingContext, d: OfferingDraft): string {
  const p = d.provider.row.name;
  const m = d.municipality;
  switch (d.contract.procurementModel) {
    case 'OWN_REGI':
      return `${p} är ${genitive(m.display)} egen vuxenutbildning.`;
    case 'AUTHORISATION_LOV':
      return `${p} är auktoriserad anordnare i ${genitive(m.display)} valfrihetssystem för vuxenutbildning.`;
    case 'SERVICE_CONCESSION':
      return `Kursen anordnas av ${p} genom tjänstekoncession med ${m.display}.`;
    case 'INTERMUNICIPAL': {
      const home = must(ctx.municipalities.get(d.provider.home), 'home municipality');
      return `Kursen ges av ${p} genom ett samverkansavtal mellan ${home.display} och ${m.display}.`;
    }
    case 'PROCUREMENT_LOU':
      return NORDOST.includes(m.row.code)
        ? `Kursen anordnas av ${p} på uppdrag av Vallentuna, Täby, Danderyd och Vaxholm, som upphandlar vuxenutbildning tillsammans.`
        : `Kursen anordnas av ${p} på uppdrag av ${m.display}.`;
  }
}

export function buildDescription(ctx: OfferingContext, d: OfferingDraft): string {
  const rng = ctx.rng;
  const [first, second] = introSentences(rng, d);
  const sentences = [must(first, 'intro'), modeSentence(rng, d), paceSentence(d)];
  const extra = rng();
  if (d.language === 'en') sentences.push('Undervisningen bedrivs på engelska.');
  else if (extra < 0.45) sentences.push(providerSentence(ctx, d));
  else if (extra < 0.75 && second) sentences.splice(1, 0, second);
  else if (extra < 0.9) sentences.push(pick(rng, EXTRA_SENTENCES));
  return sentences.join(' ');
}
