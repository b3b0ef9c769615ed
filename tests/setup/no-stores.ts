/** The unit tier has no stores: a spec that reaches for one fails at once instead of using a developer's. */
process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/no_database_in_unit_tests';
process.env.REDIS_URL = 'redis://127.0.0.1:1';
