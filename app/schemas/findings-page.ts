import { z } from "zod";
import { FINDING_ACTION_SCHEMAS } from "./finding";
import { RECOMMENDATION_ACTION_SCHEMAS } from "./recommendation";

/** Everything the findings page posts, told apart by `intent`: one action validates them all. */
export const findingsPageSchema = z.discriminatedUnion("intent", [...FINDING_ACTION_SCHEMAS, ...RECOMMENDATION_ACTION_SCHEMAS]);
export type FindingsPageValues = z.infer<typeof findingsPageSchema>;
export type FindingsPageIntent = FindingsPageValues["intent"];
