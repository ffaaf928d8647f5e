/**
 * When the extension bundle started to evaluate. extension.ts imports this module first, so the
 * load time it reports covers evaluating all of its code (the bundled language client included).
 */
export const bundleStart = performance.now();
