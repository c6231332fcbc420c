import { createTemplate, dropTemplate } from "./database.ts";

/** Builds the migrated template once per run; each test file then copies it (setup-test-env.ts). */
export default async function setup() {
  await createTemplate();
  return dropTemplate;
}
