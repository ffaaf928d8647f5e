/**
 * The SDK's TSDoc holds the EC2 documentation as HTML (<p>, <code>, <a>, <ul>/<li>, <note>...).
 * Hovers want markdown. This converter knows only the tags the EC2 docs use.
 */

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m);
}

export function htmlToMarkdown(html: string): string {
  let md = html
    .replace(/\s+/g, ' ')
    .replace(/<code>\s*(.*?)\s*<\/code>/gs, (_m, code: string) => '`' + code.replace(/<[^>]+>/g, '') + '`')
    .replace(/<a\s+href="([^"]*)"[^>]*>(.*?)<\/a>/gs, (_m, href: string, label: string) => `[${label.trim()}](${href})`)
    .replace(/<\/?(b|strong)>/g, '**')
    .replace(/<\/?(i|em)>/g, '_')
    .replace(/<note>/g, '\n\n> **Note:** ')
    .replace(/<important>/g, '\n\n> **Important:** ')
    .replace(/<\/(note|important)>/g, '\n\n')
    .replace(/<li>/g, '\n- ')
    .replace(/<\/?(ul|ol)>/g, '\n')
    .replace(/<\/li>/g, '')
    .replace(/<p>/g, '\n\n')
    .replace(/<\/p>/g, '\n\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
  md = decodeEntities(md);
  // List items are rendered as "- text" lines; paragraphs inside them must not break the list.
  md = md.replace(/\n- \s*\n+/g, '\n- ');
  return (
    md
      .split('\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      // Consecutive list items form one tight list.
      .replace(/^(- .*)\n\n(?=- )/gm, '$1\n')
      .trim()
  );
}

/** First sentence of the markdown, as plain text: the short `description` for tools that show one line. */
export function firstSentence(markdown: string): string {
  const plain = markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const end = plain.search(/\.(\s|$)/);
  return end >= 0 ? plain.slice(0, end + 1) : plain;
}
