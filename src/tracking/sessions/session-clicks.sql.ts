/**
 * The SQL condition for the clicks of a session: joined by id, and bounded by the session's time so
 * the probe stays in its months' partitions. A click joins the session its landing page view opened,
 * which the tracker's clock may place after the redirect, hence a day of slack either side (as
 * linkLandingEvents allows). `click` and `session` are the statement's aliases.
 */
export const clicksOfSession = (click: string, session: string): string =>
  `${click}.session_id = ${session}.id AND ${click}.click_timestamp >= ${session}.session_start - interval '1 day' AND ${click}.click_timestamp <= ${session}.session_end + interval '1 day'`;
