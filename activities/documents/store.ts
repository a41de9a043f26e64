// Stores rendered documents in PostgreSQL, once per key (a retried activity writes nothing twice), and
// answers each one's SHA-256: the workflow records the issue as an act, so the hash lands in the audit
// trail and a document changed afterwards no longer matches what the chain holds.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { seizuresForDebtor } from '../preservation/seizures';
import { transferDocumentNames } from './names';
import { renderTransferDocument, type IssueTransferDocumentsInput, type RenderedDocument } from './transfer';

export interface IssuedDocument {
  documentId: string;
  kind: string;
  title: string;
  recipientKind: RenderedDocument['recipientKind'];
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
  return { documentId: id, kind: doc.kind, title: doc.title, recipientKind: doc.recipientKind, recipient: doc.recipient, sha256: rows[0]!.sha256 };
}

export function createDocumentActivities(deps: { pool: pg.Pool }) {
  return {
    /** Renders and stores the documents of one act of a transfer. */
    async issueTransferDocuments(input: IssueTransferDocumentsInput): Promise<IssuedDocument[]> {
      const issued: IssuedDocument[] = [];
      // The package lists the register's seizures as they stand when it is issued (GO art. 10 item 3).
      const seizures = input.documents.some((d) => d.kind === 'package_index') ? await seizuresForDebtor(deps.pool, input.state.creditCode) : [];
      const names = await transferDocumentNames(deps.pool, input.state, seizures.map((s) => s.holderCourt));
      for (const request of input.documents) {
        issued.push(await store(deps.pool, input.processId, renderTransferDocument(input, request, names, seizures)));
      }
      return issued;
    },
  };
}

export type DocumentActivities = ReturnType<typeof createDocumentActivities>;
