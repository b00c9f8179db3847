/** A JSON primitive (structurally the same as Powertools' `JSONPrimitive`). */
export type JSONPrimitive = string | number | boolean | null | undefined;
/** Any JSON value, as returned by the `json` transform. */
export type JSONValue = JSONPrimitive | JSONObject | JSONArray;
/** A JSON object. */
export type JSONObject = { [key: number | string]: JSONValue };
/** A JSON array. */
export type JSONArray = Array<JSONValue>;
