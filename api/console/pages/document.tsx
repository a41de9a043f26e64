// One issued document as a court prints it (GB/T 9704-2012): the issuing court at the head, the
// title, the 文号, the body in paragraphs indented two characters, and the court and its date (in
// Chinese numerals, as rendered) right-aligned above the seal. The print stylesheet (styles.ts)
// hides the console around it and sets A4 with the standard's margins.
import type { Actor } from '../../../workflows/shared/actor';
import { Layout } from '../layout';

export interface DocumentView {
  id: string; kind: string; title: string; recipient: string | null; caseNumbers: string[]; sha256: string; createdAt: string; content: string;
}

/** Splits a rendered text into head (court, title, 文号 when present), body paragraphs and the closing court and date. */
export function documentParts(content: string): { issuer: string; title: string; number?: string; body: string[]; closing: string[] } {
  const lines = content.replace(/\n+$/, '').split('\n');
  const [issuer = '', title = '', ...rest] = lines;
  const closing = rest.splice(-2, 2);
  const number = rest[0] && /号$/.test(rest[0]) ? rest.shift() : undefined;
  return { issuer, title, number, body: rest.filter((line) => line.trim() !== ''), closing };
}

export function DocumentPage(props: { actor: Actor; doc: DocumentView; back: string }) {
  const parts = documentParts(props.doc.content);
  return (
    <Layout title={props.doc.title} actor={props.actor} current={props.actor.role === 'party' ? 'party' : 'transfers'}>
      <div class="toolbar no-print">
        <a href={props.back}>返回程序</a>
        {' · '}
        <button type="button" class="secondary" onclick="window.print()">打印</button>
        <span class="muted">（打印为 A4，可在打印对话框中另存为 PDF）</span>
      </div>
      <article class="official" data-document={props.doc.id} aria-label={props.doc.title}>
        <div class="issuer">{parts.issuer}</div>
        <h2 class="doc-title">{parts.title}</h2>
        {parts.number ? <div class="doc-number">{parts.number}</div> : null}
        {parts.body.map((line) => <p class={/^[一二三四五六七八九十]+、|^\d+\. /.test(line) ? 'item' : undefined}>{line}</p>)}
        <div class="closing">
          {parts.closing.map((line) => <div>{line}</div>)}
          <div class="seal" aria-hidden="true">（院印）</div>
        </div>
      </article>
      <p class="muted no-print" data-sha256={props.doc.sha256}>内容摘要与审计记录一致（摘要值见审计记录）。</p>
    </Layout>
  );
}
