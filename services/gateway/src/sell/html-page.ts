/** Pages for people following a link from a mail (an invitation's answer, an unsubscribe): no account, no JSON. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small, unindexed HTML page; `body` is markup already escaped by the caller. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:2rem auto">${body}</body></html>`;
}
