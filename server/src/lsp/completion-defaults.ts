/**
 * LSP 3.17 completion item defaults. When every item of a list replaces the same range with the same
 * insert text format and mode, and the client declares that it understands those defaults, they go
 * once on the list instead of on every item. The value list of an enum like InstanceType (1,400+
 * values) then halves on the wire, and the wire is most of what such a completion costs.
 */
import { type CompletionItem, type CompletionList, type Range, type TextEdit } from 'vscode-languageserver/node';

/** The defaults this server can hoist, as named in the client's `completionList.itemDefaults` capability. */
const HOISTABLE = ['editRange', 'insertTextFormat', 'insertTextMode'] as const;

/** Which of the hoistable defaults the client understands (from its initialize capabilities). */
export function supportedItemDefaults(declared: readonly string[] | undefined): Set<string> {
  return new Set((declared ?? []).filter((name) => (HOISTABLE as readonly string[]).includes(name)));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The item's plain text edit, if it has one (an insert/replace edit has no single range to share). */
function textEditOf(item: CompletionItem): TextEdit | undefined {
  const edit = item.textEdit;
  return edit && 'range' in edit ? edit : undefined;
}

/**
 * The same list with what all its items share moved to `itemDefaults`, as far as `supported` allows;
 * the list itself when there is nothing to share. A client applying the defaults gets the same items.
 */
export function withItemDefaults(list: CompletionList, supported: ReadonlySet<string>): CompletionList {
  const [first] = list.items;
  if (!first || list.itemDefaults) return list;
  const range = textEditOf(first)?.range;
  const shareRange =
    supported.has('editRange') &&
    range !== undefined &&
    list.items.every((item) => {
      const edit = textEditOf(item);
      return edit !== undefined && item.insertText === undefined && sameRange(edit.range, range);
    });
  const shareFormat =
    supported.has('insertTextFormat') && first.insertTextFormat !== undefined && list.items.every((item) => item.insertTextFormat === first.insertTextFormat);
  const shareMode =
    supported.has('insertTextMode') && first.insertTextMode !== undefined && list.items.every((item) => item.insertTextMode === first.insertTextMode);
  if (!shareRange && !shareFormat && !shareMode) return list;
  return {
    ...list,
    itemDefaults: {
      ...(shareRange ? { editRange: range } : {}),
      ...(shareFormat ? { insertTextFormat: first.insertTextFormat } : {}),
      ...(shareMode ? { insertTextMode: first.insertTextMode } : {}),
    },
    items: list.items.map((item) => {
      const compact: CompletionItem = { ...item };
      if (shareRange) {
        compact.textEditText = textEditOf(item)!.newText;
        delete compact.textEdit;
      }
      if (shareFormat) delete compact.insertTextFormat;
      if (shareMode) delete compact.insertTextMode;
      return compact;
    }),
  };
}
