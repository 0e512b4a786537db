/** Bytes as KB (1 KB = 1024 bytes), one decimal: the unit every number in the report uses. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** `ours / theirs` as "0.52×"; a dash when either side is missing. */
export function ratio(ours: number | null | undefined, theirs: number | null | undefined): string {
  if (ours == null || theirs == null || theirs === 0) return '–';
  return `${(ours / theirs).toFixed(2)}×`;
}

export function ms(value: number | null | undefined): string {
  return value == null ? '–' : `${value.toFixed(1)} ms`;
}

/** A Markdown table; the terminal prints the same text. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
