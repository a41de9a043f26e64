// Stores rendered documents in PostgreSQL, once per key, and records each one's SHA-256 in the audit
// trail (event key `<document key>:issued`): a retried activity writes neither twice, and a document
// changed afterwards no longer matches the hash the chain holds.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { systemActor } from '../../workflows/shared/actor';
import { appendAuditEntry } from '../audit';
import { renderTransferDocument, type IssueTransferDocumentsInput, type RenderedDocument } from './transfer';

export interface IssuedDocument {
  documentId: string;
  kind: string;
  recipient: string | null;
  sha256: string;
}

export function documentIdFor(documentKey: string): string {
  return `doc-${createHash('sha256').update(documentKey).digest('hex').slice(0, 24)}`;
}

export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

async function store(pool: pg.Pool, processId: string, doc: RenderedDocument): Promise<IssuedDocument> {
  const id = documentIdFor(doc.documentKey);
  await pool.query(
    `insert into documents (id, document_key, process_kind, process_id, kind, title, recipient_kind, recipient, party_ids,
       case_numbers, content, sha256) values ($1,$2,'transfer',$3,$4,$5,$6,$7,$8,$9,$10,$11)
     on conflict (document_key) do nothing`,
    [id, doc.documentKey, processId, doc.kind, doc.title, doc.recipientKind, doc.recipient, doc.partyIds, doc.caseNumbers,
      doc.content, contentHash(doc.content)],
  );
  // The stored row wins over a re-render: the hash in the audit trail is the one of what was issued first.
  const { rows } = await pool.query<{ sha256: string }>('select sha256 from documents where id = $1', [id]);
  return { documentId: id, kind: doc.kind, recipient: doc.recipient, sha256: rows[0]!.sha256 };
}

export function createDocumentActivities(deps: { pool: pg.Pool }) {
  return {
    /** Renders, stores and audits the documents of one act of a transfer. */
    async issueTransferDocuments(input: IssueTransferDocumentsInput): Promise<IssuedDocument[]> {
      const issued: IssuedDocument[] = [];
      for (const request of input.documents) {
        const doc = renderTransferDocument(input, request);
        const stored = await store(deps.pool, input.processId, doc);
        await appendAuditEntry(deps.pool, {
          eventKey: `${doc.documentKey}:issued`, processKind: 'transfer', processId: input.processId, actor: systemActor,
          action: 'issueDocument', reason: `制作${doc.title}`,
          details: { documentId: stored.documentId, kind: doc.kind, title: doc.title, recipient: doc.recipient, sha256: stored.sha256, creditCode: input.state.creditCode },
          occurredAt: input.issuedAt,
        });
        issued.push(stored);
      }
      return issued;
    },
  };
}

export type DocumentActivities = ReturnType<typeof createDocumentActivities>;
