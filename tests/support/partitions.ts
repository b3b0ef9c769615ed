/**
 * A condition on `table_name` of information_schema: the table is not a partition. The monthly
 * partitions of the event tables (migration 1765100000000) are parts of their table, not tables of
 * the schema, and their rows are already counted under it.
 */
export const NOT_A_PARTITION = `NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = format('trackflow.%I', table_name)::regclass)`;
