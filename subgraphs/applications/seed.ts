import type { Seeder } from '../kit/seed';

/** The applications subgraph's part of the region (applicants and their applications). */
export const seedApplications: Seeder = async () => false;
