/**
 * The click a conversion `c` is credited to: the last human click of the converting visitor, or of
 * any visitor known to be the same Twenty person, within the workspace's attribution window
 * (settings `st`, 30 days when the workspace never saved settings) before the conversion.
 * Rows need `c` (trackflow.conversion) and `st` (trackflow.trackflow_settings, left-joined).
 */
export const LAST_CLICK_OF_CONVERSION = `
  SELECT e.id, e.tracked_link_id, e.campaign_id, e.variant_id FROM trackflow.click_event e
  WHERE e.workspace_id = c.workspace_id
    AND e.visitor_id = ANY (ARRAY(SELECT c.visitor_id WHERE c.visitor_id IS NOT NULL
                                  UNION SELECT v.visitor_id FROM trackflow.visitor v WHERE v.workspace_id = c.workspace_id AND v.person_id = c.person_id))
    AND e.click_timestamp <= c.conversion_date
    AND e.click_timestamp >= c.conversion_date - make_interval(days => COALESCE(st.attribution_window_days, 30))
    AND NOT e.is_bot AND NOT e.is_internal
  ORDER BY e.click_timestamp DESC, e.id DESC LIMIT 1`;

export const CONVERSION_CREDIT_COLUMNS =
  'conversion_id, workspace_id, conversion_type, converted_at, value_micros, currency_code, click_event_id, tracked_link_id, campaign_id, variant_id';
