/**
 * One declaration of a resource's attributes as Sell clients read them: the JSON Schema of each,
 * and which ones lists sort and filter by. The sort and filter lists of the controller and the
 * OpenAPI schema of the resource derive from it; a presenter spec checks that the presenter
 * answers exactly these attributes.
 */
export interface SellAttribute {
  schema: object;
  sort?: true;
  /** Equality filter in the list query: by id, by text or by date. */
  filter?: 'id' | 'string' | 'date';
}

export type SellAttributes = Readonly<Record<string, SellAttribute>>;

/** The attributes lists sort by, in declaration order. */
export function sortFields<A extends SellAttributes>(attributes: A): (keyof A & string)[] {
  return Object.keys(attributes).filter((k) => attributes[k]!.sort);
}

/** The attributes lists filter by with the given kind of value, in declaration order. */
export function filterFields<A extends SellAttributes>(attributes: A, kind: NonNullable<SellAttribute['filter']>): (keyof A & string)[] {
  return Object.keys(attributes).filter((k) => attributes[k]!.filter === kind);
}

/** The OpenAPI schema of the resource as read. */
export function attributesSchema(attributes: SellAttributes): { type: 'object'; properties: Record<string, object> } {
  return { type: 'object', properties: Object.fromEntries(Object.entries(attributes).map(([k, a]) => [k, a.schema])) };
}
