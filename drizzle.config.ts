// drizzle-kit reads this to generate migrations from db/schema into db/migrations.
// The schema is filled in by the persistence work (issue 3).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema',
  out: './db/migrations',
});
