// A notice's text as a party reads it on their page. The engine writes notice bodies for every
// channel (webhook, SMS gateway, the court's own system) with the receiving court by its code, and
// consent requests sent before the patch `consent-notice-reply-by-in-words` carry their reply deadline
// as an ISO instant (`2026-12-02T18:21:27.358`; later ones name the day, workflows/transfer/notices.ts);
// the page shows the time as the console does and the court by its registry name. The stored body,
// as sent, is unchanged.
import { courtName } from './demo-users';
import { formatTime } from './layout';

const isoInstant = /\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:\d{2})?/g;
const courtCode = /\b(?:BPC|IPC|HPC)-\d{6}(?:-[2-9])?\b/g;

/** `body` with ISO instants as 2026/12/2 18:21:27 (no offset: China time) and court codes as court names. */
export function readableNoticeBody(body: string): string {
  return body
    .replace(isoInstant, (whole, local: string, offset: string | undefined) => {
      const ms = Date.parse(`${local}${offset ?? '+08:00'}`);
      return Number.isNaN(ms) ? whole : formatTime(new Date(ms));
    })
    .replace(courtCode, (code) => courtName(code));
}
