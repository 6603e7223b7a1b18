import { z } from 'zod';
import { inventorySchema } from './inventory-schema.js';

/** JSON Schema of the inventory file for editors (`# yaml-language-server: $schema=…`), exported like the config's. */
export function inventoryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(inventorySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://jaju.dev/schema/jaju-assess-inventory.schema.json',
    title: 'jaju sovereignty assessment inventory',
    description: 'The estate inventory of `jaju assess` (docs/assess.md, "Inventory format").',
  };
}
