/**
 * The largest value an `integer` column holds (ids, revisions): a posted number above it is refused
 * by the schema with the field's own message, instead of failing the query ("out of range for
 * type integer") and the request with it.
 */
export const MAX_RECORD_ID = 2_147_483_647;
