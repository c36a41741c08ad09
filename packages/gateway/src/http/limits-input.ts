// The bounds every hostile-input check reads, in one place so the docs and the fuzz suite
// name the same figures (docs/reliability.md, "Hostile input").

/**
 * Deepest JSON nesting a request body may have (the body object is level 1). Real bodies
 * stay far below it: a tool schema ten levels deep is ~25 levels of JSON. Past it,
 * recursive code (JSON.stringify, zod, redaction) would risk the stack, so the edge says 400.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Longest id (user, team, key, model, alias, email): ids are primary keys and indexed
 * columns, and PostgreSQL refuses index rows over ~2.7 KB. 256 covers emails (254) and UUIDs.
 */
export const MAX_ID_LENGTH = 256;

/** Longest query-string value; every management query value is an id, a date or a number. */
export const MAX_QUERY_VALUE_LENGTH = 1024;

/** Largest page number and page size a list route takes: offsets stay well inside bigint. */
export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 10_000;

/** Largest duration (`budget_duration`, a key's `duration`): 100 years, inside Date's range. */
export const MAX_DURATION_MS = 100 * 366 * 24 * 60 * 60 * 1000;

/** Longest duration text: `36600d` fits; a thousand digits never reaches the parser. */
export const MAX_DURATION_TEXT_LENGTH = 16;

/**
 * Request-body bytes the process may hold while reading and parsing, over all requests: a
 * flood of 15-50 MB bodies (slow uploads above all) would otherwise hold each in memory at
 * once. Past it a large body is refused with 413 and Retry-After. One body is always
 * admitted when no other holds any, so a limit above this budget still works.
 */
export const MAX_BODY_BYTES_IN_FLIGHT = 128 * 1024 * 1024;

/** Bodies this small never wait on the budget: the everyday request pays nothing for it. */
export const SMALL_BODY_BYTES = 64 * 1024;

/** How long a refused body's connection is drained, so the client reads its 413 (nginx: 5 s). */
export const LINGER_MS = 2000;
