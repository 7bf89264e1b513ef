/** PostgreSQL's limit on the bind parameters of one statement (a 16-bit count in the protocol). */
export const MAX_BIND_PARAMETERS = 65_535;

/**
 * Splits the rows of a multi-row statement so that no statement binds more parameters than
 * PostgreSQL accepts: `parametersPerRow` is the number of values each row binds.
 */
export function chunksWithin<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / Math.max(1, parametersPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
