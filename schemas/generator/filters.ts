import { decodeEntities, htmlToMarkdown } from './html-to-markdown';

/** One filter name of a Describe operation, parsed from the SDK's `Filters` member documentation. */
export interface FilterDoc {
  name: string;
  markdownDescription: string;
  /** The fixed value set, when the documentation gives one (`(a | b | c)`) or the filter is a yes/no question. */
  values?: string[];
}

/**
 * The `Filters` docs are a <ul> of `<li><p><code>name</code> - description</p></li>`. Items whose
 * name holds a placeholder (`tag:<key>`) are kept: the rule treats `tag:` as a prefix.
 */
export function parseFilterDocs(filtersHtml: string): FilterDoc[] {
  const filters: FilterDoc[] = [];
  const seen = new Set<string>();
  const itemPattern = /<li>\s*<p>\s*<code>([^<]+)<\/code>\s*-\s*(.*?)<\/li>/gs;
  for (const match of filtersHtml.matchAll(itemPattern)) {
    const name = decodeEntities(match[1].trim());
    if (seen.has(name)) continue; // the EC2 docs repeat a few items; the first is kept
    seen.add(name);
    const bodyHtml = match[2];
    const values = fixedValues(bodyHtml);
    filters.push({ name, markdownDescription: htmlToMarkdown(bodyHtml), ...(values ? { values } : {}) });
  }
  return filters;
}

function fixedValues(bodyHtml: string): string[] | undefined {
  // "(<code>attaching</code> | <code>attached</code> | ...)": an explicit value set.
  const alternatives = /\(\s*((?:<code>[^<]+<\/code>\s*\|\s*)+<code>[^<]+<\/code>)\s*\)/s.exec(bodyHtml);
  if (alternatives) {
    return [...alternatives[1].matchAll(/<code>([^<]+)<\/code>/g)].map((m) => decodeEntities(m[1].replace(/\s+/g, ' ').trim()));
  }
  const text = bodyHtml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (/^(Indicates whether|Whether)\b/i.test(text) || /\((true|false)\s*\|\s*(true|false)\)/.test(text)) {
    return ['true', 'false'];
  }
  return undefined;
}
