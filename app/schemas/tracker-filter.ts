import { z } from "zod";

/**
 * The tracker's filters as they travel in the URL (?planId=&unitId=&status=&state=&q=&sort=&page=),
 * shared by the tracker page, its Excel export and its printed report so all three hold the same
 * rows. Anything unreadable is dropped rather than refused: a filter link never errors.
 */
const id = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined);

export const trackerFilterSchema = z.object({
  planId: id,
  unitId: id,
  status: z.enum(["not_started", "in_progress", "reported", "accepted", "returned", "open"]).optional().catch(undefined),
  state: z.enum(["overdue", "due_week"]).optional().catch(undefined),
  q: z.string().normalize("NFC").trim().max(200).optional().catch(undefined),
  sort: z.enum(["overdue", "recent"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type TrackerQuery = z.infer<typeof trackerFilterSchema>;

export function parseTrackerQuery(params: URLSearchParams): TrackerQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  return trackerFilterSchema.parse(raw);
}

/** The query string for a filter ("?status=open&state=overdue"), without empty values and the page. */
export function trackerSearch(query: TrackerQuery, overrides: Partial<TrackerQuery> = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  for (const key of ["planId", "unitId", "status", "state", "q", "sort", "page"] as const) {
    const value = merged[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
