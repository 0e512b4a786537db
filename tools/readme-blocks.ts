/** Fenced code blocks of a Markdown file, shared by check-readme-code.ts and check-packages.ts. */

export interface Block {
  readme: string;
  /** 1-based line of the block's first code line in the README. */
  line: number;
  lang: string;
  code: string;
}

/** The ```ts / ```tsx / ```typescript blocks of a README, with the README line of each block's first line. */
export function extractBlocks(readme: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let open: { fence: string; lang: string; start: number; body: string[] } | null = null;
  lines.forEach((line, index) => {
    if (!open) {
      const start = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
      if (start) open = { fence: start[2]!, lang: start[3]!.toLowerCase(), start: index + 2, body: [] };
      return;
    }
    if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/g, '') === '') {
      if (['ts', 'tsx', 'typescript'].includes(open.lang))
        blocks.push({ readme, line: open.start, lang: open.lang, code: open.body.join('\n') });
      open = null;
      return;
    }
    open.body.push(line);
  });
  return blocks;
}
