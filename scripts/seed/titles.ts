/** Offering titles: the course name, qualified by school form, study mode, time of day and language. */

import type { OfferingDraft } from './offering-context';
import { lowerFirst } from './swedish';

export function buildTitle(d: OfferingDraft): string {
  const name = d.course.row.name;
  let title: string;
  switch (d.course.row.schoolForm) {
    case 'VOCATIONAL':
      title = d.packageInfo ? `${d.packageInfo.name}: ${name}` : name;
      break;
    case 'BASIC':
      title = `Grundläggande ${lowerFirst(name)}, delkurs ${d.basicPart}`;
      break;
    case 'SFI':
      title = `${name}, studieväg ${d.sfiPath}`;
      break;
    default:
      title = name;
  }
  if (d.mode === 'DISTANCE') title += ' – distans';
  else if (d.mode === 'HYBRID') title += ' – delvis distans';
  if (d.evening) title += ', kvällskurs';
  if (d.language === 'en') title += ' (undervisning på engelska)';
  return title;
}
