/** The course catalogue and vocational packages, read from the reference file. */

import coursesFile from '../../subgraphs/offerings/data/courses.json';
import { must } from './must';
import type { CourseRow, SchoolForm } from '../../subgraphs/kit/region-data';

export const ALL_FORMS: readonly SchoolForm[] = ['BASIC', 'UPPER_SECONDARY', 'VOCATIONAL', 'SFI', 'SPECIAL'];

/** Relative popularity of courses (default 1). */
const COURSE_WEIGHTS: Record<string, number> = {
  SVESVE01: 5,
  SVESVE02: 4,
  SVESVE03: 3,
  SVASVA01: 5,
  SVASVA02: 4,
  SVASVA03: 3,
  ENGENG05: 5,
  ENGENG06: 4,
  ENGENG07: 1.5,
  MATMAT01a: 4,
  MATMAT01b: 5,
  MATMAT01c: 2,
  MATMAT02a: 2.5,
  MATMAT02b: 3,
  MATMAT02c: 2,
  MATMAT03b: 2,
  MATMAT03c: 2,
  MATMAT04: 1,
  MATMAT05: 0.5,
  SAMSAM01a1: 3,
  SAMSAM01a2: 2.5,
  SAMSAM01b: 3,
  HISHIS01a1: 2.5,
  HISHIS01b: 2,
  RELREL01: 2,
  NAKNAK01a1: 2,
  NAKNAK01b: 2.5,
  BIOBIO01: 1.5,
  KEMKEM01: 1.5,
  FYSFYS02: 0.5,
  PSKPSY01: 2,
  FÖRFÖR01: 1.5,
  GRNSVE2: 3,
  GRNSVA2: 5,
  GRNMAT2: 4,
  GRNENG2: 3,
  GRNSAM2: 1.5,
  GRNNAT2: 1.5,
  'SFI-A': 1,
  'SFI-B': 1.5,
  'SFI-C': 3,
  'SFI-D': 3.5,
  'SÄR-SVE': 1.5,
};

interface RawCourse {
  code: string;
  name: string;
  points: number | null;
  subject: string;
  schoolForm: string;
  studyPaths?: number[];
}

interface RawPackage {
  name: string;
  area: string;
  courses: string[];
}

export interface CourseInfo {
  row: CourseRow;
  studyPaths: number[];
  weight: number;
}

export interface PackageInfo {
  name: string;
  area: string;
  courses: CourseInfo[];
}

function parseSchoolForm(value: string): SchoolForm {
  const form = ALL_FORMS.find((f) => f === value);
  if (!form) throw new Error(`unknown school form ${value}`);
  return form;
}

export function loadCourses(): { courses: CourseInfo[]; packages: PackageInfo[] } {
  const rawPackages: readonly RawPackage[] = coursesFile.vocationalPackages;
  const rawCourses: readonly RawCourse[] = coursesFile.courses;
  const courses = rawCourses.map((c) => ({
    row: {
      code: c.code,
      name: c.name,
      points: c.points,
      subject: c.subject,
      schoolForm: parseSchoolForm(c.schoolForm),
      vocationalPackages: rawPackages.filter((p) => p.courses.includes(c.code)).map((p) => p.name),
    },
    studyPaths: c.studyPaths ?? [],
    weight: COURSE_WEIGHTS[c.code] ?? 1,
  }));
  const byCode = new Map(courses.map((c) => [c.row.code, c]));
  const packages = rawPackages.map((p) => ({
    name: p.name,
    area: p.area,
    courses: p.courses.map((code) => must(byCode.get(code), `course ${code} of package ${p.name}`)),
  }));
  return { courses, packages };
}
