export type InstalmentDueData = Record<string, unknown>;
