import { z } from 'zod';
import { configSchema } from './schema.js';

/** JSON Schema of the config file for editors (YAML language server: `# yaml-language-server: $schema=…`). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://jaju.dev/schema/jaju-config.schema.json',
    title: 'jaju configuration',
    description: 'Configuration of the jaju sovereign AI gateway (docs/design.md §4.2).',
  };
}
